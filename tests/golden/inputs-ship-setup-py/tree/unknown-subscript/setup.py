from setuptools import find_packages, setup

setup(
    name="unknown-subscript",
    packages=find_packages()[1:],
)
