from setuptools import setup

setup(
    name="acmeish",
    version="0.3",
    packages=["acmeish"],
    install_requires=["twisted", "txacme", "treq"],
)
