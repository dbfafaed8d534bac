from setuptools import find_packages, setup

PACKAGES = find_packages(exclude=["tests", "tests.*"])

setup(
    name="bound",
    packages=PACKAGES,
    install_requires=["requests"],
)
