# A valid file with an escape Nix reads as the plain character.
{ buildPythonPackage }:

buildPythonPackage {
  pname = "escape\-demo";
  version = "1.0";
}
