from . import a, b
