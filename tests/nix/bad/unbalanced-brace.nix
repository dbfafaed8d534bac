{ buildPythonPackage }:

buildPythonPackage {
  pname = "x";
}
}
