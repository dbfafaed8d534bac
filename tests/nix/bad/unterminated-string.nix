{ buildPythonPackage }:

buildPythonPackage {
  pname = "unterminated;
  version = "1.0";
}
