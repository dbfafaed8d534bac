from setuptools import setup
setup(name="demo")
