from setuptools import find_packages, setup

setup(
    name="unterminated",
    install_requires=["ok"],
    packages=find_packages(exclude=["x"],
