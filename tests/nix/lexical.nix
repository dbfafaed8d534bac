/* Every lexical form: strings and their escapes, indented strings,
   comments, paths, URIs, numbers; a derivation whose values go through
   them. */
{ lib, buildPythonPackage, fetchurl, setuptools, numpy, ... }:

let
  major = 2;
  minor = 0.5;
  exp = 1.5e3;
  base = ./src;
  sub = ./src/${toString major}/lib;
  home = ~/projects;
  channel = <nixpkgs/lib>;
  uri = https://example.org/pkg-2.tar.gz;
  esc = "tab\there \"quoted\" \\ \${not} $${literal} dollar$ end";
  ind = ''
    line one
      indented ''${not interpolated} '''quoted'''
    escaped ''\n newline ''\t tab
    ${toString major} done
  '';
  # a comment with "quotes" and ''indented'' text
  joined = "lexi" + "cal";
in
buildPythonPackage {
  pname = "${joined}-demo";
  version = "${toString major}.1";
  src = ./.;
  build-system = [ setuptools ];
  dependencies = [ /* inline comment */ numpy # trailing comment
  ];
  passthru = {
    inherit base sub home channel uri esc ind minor exp;
    "quoted key" = 1;
    nested.a.b = 2;
    nested.a.c = 3;
  };
  # the values of the strings above, as Nix reads them
  pythonRelaxDeps = [ esc ind ];
  pythonImportsCheck = [ "lexical" ];
}
