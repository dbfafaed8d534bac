# Extras that refer to each other through lib.fix, merged with more
# extras by lib.recursiveUpdate.
{
  lib,
  buildPythonPackage,
  fetchFromGitHub,
  setuptools,
  cython,
  greenlet,
  typing-extensions,
  mypy,
  asyncpg,
  psycopg,
  psycopg2,
  aiosqlite,
  aiomysql,
  pymysql,
  oracledb,
  pytestCheckHook,
  pytest-xdist,
}:

let
  extras = lib.fix (self: {
    asyncio = [ greenlet ];
    mypy = [ mypy ];
    postgresql = [ psycopg2 ];
    postgresql_asyncpg = self.asyncio ++ [ asyncpg ];
    postgresql_psycopg = [ psycopg ];
    postgresql_psycopgbinary = self.postgresql_psycopg;
    aiosqlite = self.asyncio ++ [ aiosqlite ];
    aiomysql = self.asyncio ++ [ aiomysql ];
  });
in
buildPythonPackage rec {
  pname = "sqlkit";
  version = "2.1.4";
  pyproject = true;

  src = fetchFromGitHub {
    owner = "example";
    repo = "sqlkit";
    tag = "rel_2_1_4";
    hash = "sha256-b3Hk9sQ0xN2mV7cL1pZ5tR8wE4yU6iO0aS3dF7gJ2kA=";
  };

  build-system = [
    setuptools
    cython
  ];

  dependencies = [ typing-extensions ] ++ optional-dependencies.asyncio;

  optional-dependencies = lib.recursiveUpdate extras {
    mysql = [ pymysql ];
    oracle = [ oracledb ];
  };

  nativeCheckInputs = [
    pytestCheckHook
    pytest-xdist
  ]
  ++ lib.flatten (lib.attrValues optional-dependencies);

  pythonImportsCheck = [ "sqlkit" ];
}
