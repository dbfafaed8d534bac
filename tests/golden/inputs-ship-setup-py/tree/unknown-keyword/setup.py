from setuptools import find_packages, setup

setup(
    name="unknown-keyword",
    packages=find_packages(srcdir="src"),
)
