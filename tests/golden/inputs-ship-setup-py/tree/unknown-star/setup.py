from setuptools import find_packages, setup

setup(
    name="unknown-star",
    packages=find_packages(*ARGS),
)
