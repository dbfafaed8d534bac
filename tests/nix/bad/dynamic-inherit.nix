{ buildPythonPackage, name }:

buildPythonPackage {
  inherit ${name};
}
