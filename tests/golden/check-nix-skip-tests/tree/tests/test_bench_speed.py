import pytest_benchmark  # left out by --ignore-glob
