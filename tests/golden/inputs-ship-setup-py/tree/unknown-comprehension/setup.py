from setuptools import find_packages, setup

setup(
    name="unknown-comprehension",
    packages=[p for p in find_packages() if p],
)
