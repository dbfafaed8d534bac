# Several derivations in one file: an overlay-like set, inherit, //, with,
# let inside lists, if/then/else, assert, `or` defaults, @ patterns,
# python3.pkgs selects and a sibling referenced through the set.
args@{ pkgs ? import <nixpkgs> { }, lib ? pkgs.lib, enableGui ? false, ... }:

assert lib.isBool enableGui;

let
  python = pkgs.python312;
  ps = python.pkgs;
  inherit (ps) buildPythonPackage fetchPypi;
  inherit (pkgs) fetchFromGitLab;

  common = {
    version = "3.1.0";
    doCheck = true;
  };

  commonDeps = with ps; [ six attrs ];

  core = buildPythonPackage (common // rec {
    pname = "example-core";
    src = fetchPypi {
      inherit pname;
      version = "3.1.0";
      sha256 = "0000000000000000000000000000000000000000000000000000";
    };
  });

  widgets = ps.buildPythonPackage rec {
    pname = "example.widgets";
    version = "3.1.0";
    src = fetchFromGitLab {
      owner = "example";
      repo = "widgets";
      rev = "refs/tags/v${version}";
      hash = "";
    };
    propagatedBuildInputs = commonDeps ++ [
      core
      ps.numpy
      pkgs.python312Packages.scipy
      pkgs.python3.pkgs.pillow
      (ps.matplotlib or null)
    ] ++ (if enableGui then [ ps.pyqt5 ] else [ ps.pyqt5-sip ])
      ++ lib.optional enableGui ps.pyqtgraph
      ++ (let extra = [ ps.tqdm ]; in extra);
    buildInputs = [ pkgs.zlib ];
    nativeBuildInputs = [ ps.cython ps.setuptools ];
    pythonImportsCheck = [ "example.widgets" ] ++ lib.optionals enableGui [ "example.widgets.gui" ];
  };
in
{
  inherit core widgets;
  all = python.withPackages (p: [ p.requests core widgets ]);
  args-count = builtins.length (builtins.attrNames args);
}
