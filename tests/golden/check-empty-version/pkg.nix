{ buildPythonPackage, fetchFromGitHub }:
buildPythonPackage rec {
  pname = "pkg";
  version = "1.2.0";
  src = fetchFromGitHub {
    owner = "example";
    repo = "pkg";
    rev = "v${version}";
    hash = "sha256-9Ql3oTf3lUxVr7q5eSP5LMy6LOcVoS3lpJVwnEb0YIA=";
  };
}
