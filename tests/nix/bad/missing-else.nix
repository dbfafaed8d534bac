{ buildPythonPackage, a, b }:

buildPythonPackage {
  pname = "x";
  dependencies = if a then [ b ];
}
