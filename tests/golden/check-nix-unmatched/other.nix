{ buildPythonPackage, requests }:
buildPythonPackage {
  pname = "something-else";
  version = "2.0";
  dependencies = [ requests ];
}
