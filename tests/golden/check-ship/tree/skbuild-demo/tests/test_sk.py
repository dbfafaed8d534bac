import pytest
import skdemo
