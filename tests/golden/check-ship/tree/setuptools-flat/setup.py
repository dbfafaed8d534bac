from setuptools import setup

setup(name="flatpkg", version="1.0", install_requires=["requests"])
