{ buildPythonPackage, requests }:
buildPythonPackage {
  pname = "alpha";
  version = "1.0";
  src = ./tree/alpha;
  propagatedBuildInputs = [ requests ];
}
