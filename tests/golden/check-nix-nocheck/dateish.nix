{
  buildPythonPackage,
  setuptools,
  six,
}:

buildPythonPackage {
  pname = "dateish";
  version = "2.0";
  pyproject = true;
  src = ./tree;
  build-system = [ setuptools ];
  dependencies = [ six ];
  # the tests need freezegun, which needs this package: they run in
  # passthru.tests instead
  doCheck = false;
}
