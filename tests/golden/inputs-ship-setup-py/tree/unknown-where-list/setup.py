from setuptools import find_packages, setup

setup(
    name="unknown-where-list",
    packages=find_packages(where=["src"]),
)
