from setuptools import find_packages, setup

setup(
    name="unknown-arg",
    packages=find_packages(exclude=EXCLUDES),
)
