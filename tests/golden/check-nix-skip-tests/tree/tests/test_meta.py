import pkg_resources  # setuptools is there: the default format brings it
import pytest
