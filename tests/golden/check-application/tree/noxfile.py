import nox
