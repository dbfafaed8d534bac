{
  lib,
  buildPythonPackage,
  setuptools,
  numpy,
  ffmpeg,
  libopus,
  pytestCheckHook,
  pkgs,
}:

buildPythonPackage {
  pname = "audiokit";
  version = "1.0";
  pyproject = true;
  src = ./tree;
  build-system = [ setuptools ];
  buildInputs = [ libopus ];
  dependencies = [
    numpy
    ffmpeg
    pkgs.gitMinimal
  ];
  nativeCheckInputs = [ pytestCheckHook ];
  pythonImportsCheck = [ "audiokit" ];
}
