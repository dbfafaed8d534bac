from setuptools import find_packages, setup

setup(
    name="unknown-twice",
    packages=find_packages("src", where="lib"),
)
