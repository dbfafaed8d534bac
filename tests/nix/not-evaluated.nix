# What depaudit does not evaluate: calls it does not know, imports,
# antiquoted attribute names, a function argument used as a list.
{ lib, python3Packages, callPackage, extraDeps ? [ ], attrName ? "x" }:

let
  local-lib = import ./local-lib.nix { inherit python3Packages; };
  helper = callPackage ./helper.nix { };
in
python3Packages.buildPythonPackage rec {
  pname = "half-known";
  version = "1.0";
  src = lib.cleanSource ./.;

  dependencies = with python3Packages; [
    requests
    local-lib
    helper
  ] ++ lib.unique [ six ]
    ++ extraDeps
    ++ map (n: python3Packages.${n}) [ "attrs" ]
    ++ [ python3Packages.${attrName} ];

  optional-dependencies = {
    ${attrName} = [ python3Packages.click ];
    fast = [ python3Packages.ujson ];
  };

  pythonImportsCheck = [ pname ] ++ map (m: "half_known.${m}") [ "a" ];
}
