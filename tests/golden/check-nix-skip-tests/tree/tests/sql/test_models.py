import sqlmodel  # tests/sql is in disabledTestPaths: never collected
