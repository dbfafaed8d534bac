# Outputs of derivations as inputs: dbus.out, libxml2.dev and
# lib.getDev name their package; a sibling's dist output is the sibling.
{
  lib,
  buildPythonPackage,
  fetchPypi,
  meson-python,
  setuptools,
  pkg-config,
  dbus,
  glib,
  libxml2,
  python3Packages,
  pytestCheckHook,
}:

let
  version = "2.3.0";

  bus-types = buildPythonPackage {
    pname = "bus-types";
    inherit version;
    pyproject = true;
    src = ./bus-types;
    build-system = [ setuptools ];
  };
in
buildPythonPackage {
  pname = "busline";
  inherit version;
  pyproject = true;

  src = fetchPypi {
    pname = "busline";
    inherit version;
    hash = "sha256-q0V7cP4bX2mZr9tLk1sW3nYd8eA5hJ6uG0fT4iO2lRs=";
  };

  build-system = [ meson-python ];

  nativeBuildInputs = [
    pkg-config
    glib.bin
    (lib.getDev libxml2)
  ];

  buildInputs = [
    dbus.dev
    dbus.lib
    glib.out
    libxml2.dev
  ];

  dependencies = [
    bus-types.dist
    python3Packages.lxml.out
  ];

  nativeCheckInputs = [
    dbus.out
    (lib.getBin dbus)
    pytestCheckHook
  ];

  pythonImportsCheck = [ "busline" ];
}
