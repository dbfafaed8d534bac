from setuptools import setup

setup(
    name="PyYAML",
    version="6.0",
    package_dir={"": "lib"},
    packages=["yaml"],
)
