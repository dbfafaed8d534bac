from setuptools import setup

setup(name="alpha", version="1.0", install_requires=["requests"])
