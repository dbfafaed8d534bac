from setuptools import setup

setup(name="skipper", version="1.0", packages=["skipper"], install_requires=["six"])
