import pytest
import app
