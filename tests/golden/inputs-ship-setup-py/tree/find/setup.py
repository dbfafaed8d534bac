from setuptools import find_packages, setup

setup(
    name="finder",
    packages=find_packages(),
)
