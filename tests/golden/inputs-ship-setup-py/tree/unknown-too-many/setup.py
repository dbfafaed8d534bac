from setuptools import find_packages, setup

setup(
    name="unknown-too-many",
    packages=find_packages(".", [], [], "x"),
)
