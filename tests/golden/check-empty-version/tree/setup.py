from setuptools import setup

setup(name="pkg", version="", packages=["pkg"])
