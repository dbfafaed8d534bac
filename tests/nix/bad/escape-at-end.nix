{ buildPythonPackage }:

buildPythonPackage {
  pname = "x";
  version = "1.0\