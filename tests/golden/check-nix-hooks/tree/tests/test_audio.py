import pytest
import audiokit
