from setuptools import setup

setup(name="audiokit", version="1.0", packages=["audiokit"], install_requires=["numpy"])
