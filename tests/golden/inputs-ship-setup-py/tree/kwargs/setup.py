from setuptools import find_namespace_packages, setup

OPTIONS = {
    "py_modules": ["tool"],
    "packages": find_namespace_packages(where="src", exclude=["x"]),
}

setup(name="kw", **OPTIONS)
