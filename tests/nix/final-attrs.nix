# The finalAttrs form, with GitHub tags built from the version and
# optional dependencies under passthru and given as dotted keys.
{ lib, python3Packages, fetchFromGitHub }:

python3Packages.buildPythonApplication (finalAttrs: {
  pname = "fancy-cli";
  version = "0.9.1";
  format = "pyproject";

  src = fetchFromGitHub {
    owner = "example";
    repo = "fancy-cli";
    tag = "v${finalAttrs.version}";
    hash = lib.fakeHash;
  };

  nativeBuildInputs = with python3Packages; [ hatchling hatch-vcs ];

  propagatedBuildInputs = (with python3Packages; [
    click
    rich
  ]) ++ finalAttrs.passthru.optional-dependencies.yaml;

  passthru.optional-dependencies.yaml = [ python3Packages.pyyaml ];
  passthru.optional-dependencies.toml = [
    python3Packages.tomli-w
  ] ++ lib.optional (lib.versionOlder python3Packages.python.version "3.11") python3Packages.tomli;

  checkInputs = [ python3Packages.pytest ];

  pythonRelaxDeps = true;

  pythonImportsCheck = [ "fancy_cli" ];
})
