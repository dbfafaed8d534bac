from setuptools import setup

setup(name="open-list", packages=["a", "b"
