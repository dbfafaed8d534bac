{ buildPythonPackage, requests, six }:

buildPythonPackage {
  pname = "dup";
  version = "1.0";
  dependencies = [ requests ];
  dependencies = [ six ];
}
