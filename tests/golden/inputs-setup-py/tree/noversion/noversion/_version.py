"""Version."""
__version__: str = "0.4.2"
