{ buildPythonPackage }:

buildPythonPackage {
  pname = "x" % 2;
}
