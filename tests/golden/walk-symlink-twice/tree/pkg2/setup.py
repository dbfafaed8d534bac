from setuptools import setup

setup(name="pkg2", version="1.0", packages=["pkg2"], install_requires=["requests"])
