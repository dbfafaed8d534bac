import from_nox
