from setuptools import find_packages, setup

setup(
    name="unknown-plus",
    packages=find_packages() + ["extra"],
)
