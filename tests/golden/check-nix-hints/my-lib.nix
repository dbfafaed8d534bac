{ buildPythonPackage, meson-python, numpy }:
buildPythonPackage {
  pname = "my-lib";
  version = "2.0";
  pyproject = true;
  src = ./tree;
  build-system = [ meson-python ];
  dependencies = [ numpy ];
  pythonImportsCheck = [ "mylib_core" ];
}
