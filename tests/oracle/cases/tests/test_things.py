import pytest
from pkg import sub
