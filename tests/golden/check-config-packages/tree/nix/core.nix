{ python312Packages }:
let
  core-drv = python312Packages.buildPythonPackage {
    pname = "corelib-py";
    version = "0.1.0";
    src = ./.;
    dependencies = with python312Packages; [ requests six ];
  };
in
core-drv
