# A package as nixpkgs writes it: formals, rec, fetchPypi, build-system,
# dependencies, optional-dependencies, checks and conditions.
{
  lib,
  stdenv,
  buildPythonPackage,
  pythonOlder,
  fetchPypi,
  setuptools,
  setuptools-scm,
  attrs,
  certifi,
  charset-normalizer,
  idna,
  urllib3,
  pysocks,
  brotli,
  brotlicffi,
  chardet,
  tomli,
  pyobjc-core,
  pytest-mock,
  pytest-xdist,
  pytestCheckHook,
  ...
}:

buildPythonPackage rec {
  pname = "Requests_Plus";
  version = "2.32.3";
  pyproject = true;

  disabled = pythonOlder "3.8";

  src = fetchPypi {
    inherit pname version;
    hash = "sha256-VTZUF3NOsYJVWQqf+euX6eHaho1MzWQCOZ6vaK8gp2A=";
  };

  build-system = [
    setuptools
    setuptools-scm
  ];

  dependencies = [
    attrs
    certifi
    charset-normalizer
    idna
    urllib3
  ] ++ lib.optionals (pythonOlder "3.11") [ tomli ]
    ++ lib.optionals stdenv.isDarwin [ pyobjc-core ];

  optional-dependencies = {
    socks = [ pysocks ];
    use-chardet-on-py3 = [ chardet ];
    brotli = [ (if stdenv.hostPlatform.isPyPy then brotlicffi else brotli) ];
  };

  nativeCheckInputs = [
    pytest-mock
    pytest-xdist
    pytestCheckHook
  ] ++ lib.flatten (lib.attrValues optional-dependencies);

  pythonRelaxDeps = [ "urllib3" "idna" ];
  pythonRemoveDeps = [ "typing" ];

  pythonImportsCheck = [
    "requests_plus"
    "requests_plus.adapters"
  ];

  meta = {
    description = "HTTP for Humans, with extras";
    homepage = "https://example.org/requests-plus";
    license = lib.licenses.asl20;
    maintainers = [ ];
  };
}
