{ buildPythonPackage }:

buildPythonPackage {
  pname = "x";
  src = ./source/;
}
