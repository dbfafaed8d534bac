from setuptools import setup

setup(name="fallbacks", version="1.0", packages=["fallbacks"], install_requires=["ujson"])
