{ buildPythonPackage, requests }:

buildPythonPackage {
  pname = "x";
  dependencies = [ requests ;
}
