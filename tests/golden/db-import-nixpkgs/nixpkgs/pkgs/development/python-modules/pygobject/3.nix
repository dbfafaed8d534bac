{ lib, buildPythonPackage, fetchurl, pycairo }:

buildPythonPackage rec {
  pname = "pygobject";
  version = "3.50.0";

  src = fetchurl {
    url = "mirror://gnome/sources/${pname}/${lib.versions.majorMinor version}/${pname}-${version}.tar.xz";
    hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  };

  pythonImportsCheck = [ "gi" ];
}
