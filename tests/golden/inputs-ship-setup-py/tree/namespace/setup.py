from setuptools import find_namespace_packages, setup

setup(
    name="ns",
    packages=find_namespace_packages(include=["ns.*"]),
)
