{
  buildPythonPackage,
  setuptools,
  twisted,
}:

buildPythonPackage {
  pname = "acmeish";
  version = "0.3";
  pyproject = true;
  src = ./tree;
  build-system = [ setuptools ];
  dependencies = [ twisted ];
}
