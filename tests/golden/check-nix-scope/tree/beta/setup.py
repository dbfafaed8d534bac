from setuptools import setup

setup(name="beta", version="1.0")
