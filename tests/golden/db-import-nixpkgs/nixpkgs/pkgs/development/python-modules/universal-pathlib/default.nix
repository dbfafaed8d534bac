{ lib, buildPythonPackage, fetchPypi, fsspec }:

buildPythonPackage rec {
  pname = "universal-pathlib";
  version = "0.2.6";
  pyproject = true;

  src = fetchPypi {
    pname = "universal_pathlib";
    inherit version;
    hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  };

  dependencies = [ fsspec ];

  pythonImportsCheck = [ "upath" ];
}
