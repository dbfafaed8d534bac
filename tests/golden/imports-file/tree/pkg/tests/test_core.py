import pytest
from pkg import core
