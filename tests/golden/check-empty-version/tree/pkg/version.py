__version__ = ""
