from setuptools import find_packages, setup

setup(
    name="unknown-call",
    packages=get_packages("src"),
)
