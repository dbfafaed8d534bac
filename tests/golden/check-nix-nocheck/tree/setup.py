from setuptools import setup

setup(name="dateish", version="2.0", packages=["dateish"], install_requires=["six"])
