from setuptools import find_packages, setup

setup(
    name="unknown-string-exclude",
    packages=find_packages(exclude="tests"),
)
