{ lib, buildPythonPackage, fetchFromGitHub, aiohttp }:

buildPythonPackage rec {
  pname = "discord.py";
  version = "2.4.0";
  pyproject = true;

  src = fetchFromGitHub {
    owner = "example";
    repo = pname;
    tag = "v${version}";
    hash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  };

  dependencies = [ aiohttp ];

  pythonImportsCheck = [
    "discord"
    "discord.ext.commands"
    "discord.ext.tasks" # the task loop helpers
  ];
}
