# A python-modules expression with a Rust extension: build and check
# hooks in its inputs, C libraries and tools beside its Python packages.
{
  lib,
  stdenv,
  buildPythonPackage,
  fetchFromGitHub,
  rustPlatform,
  pkgs,
  buildPackages,
  ffmpeg,
  libopus,
  gitMinimal,
  pythonRelaxDepsHook,
  pytestCheckHook,
  unittestCheckHook,
  sphinxHook,
  writableTmpDirAsHomeHook,
  furo,
  numpy,
  av,
  pytest-xdist,
}:

buildPythonPackage rec {
  pname = "clipcut";
  version = "0.4.2";
  pyproject = true;

  outputs = [
    "out"
    "doc"
  ];

  src = fetchFromGitHub {
    owner = "example";
    repo = "clipcut";
    tag = "v${version}";
    hash = "sha256-9mFq1xJcT3nB0u8Qm2dF5w6yLr4oZs7KpVh1eGi3aXc=";
  };

  cargoDeps = rustPlatform.fetchCargoVendor {
    inherit pname version src;
    hash = "sha256-Xc7dUeQ2wP1r0Zk8fN3bV5mJt6yH4sA9oLq2iG1eRhM=";
  };

  build-system = [ rustPlatform.maturinBuildHook ];

  nativeBuildInputs = [
    rustPlatform.cargoSetupHook
    pythonRelaxDepsHook
    sphinxHook
    furo
    buildPackages.pkg-config
  ];

  buildInputs = [
    ffmpeg
    libopus
    pkgs.zlib
  ];

  dependencies = [
    numpy
    av
  ];

  pythonRelaxDeps = [ "av" ];

  nativeCheckInputs = [
    pytestCheckHook
    pytest-xdist
    gitMinimal
    writableTmpDirAsHomeHook
  ]
  ++ lib.optionals stdenv.hostPlatform.isLinux [ unittestCheckHook ];

  pythonImportsCheck = [ "clipcut" ];
}
