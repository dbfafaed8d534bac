"""import not_an_import"""
import os, sys as system
from . import core
from .core import (load,
                   save)  # depaudit sees one statement
try:
    import yaml
except ImportError:
    yaml = None
if False:
    import conditional_dep
