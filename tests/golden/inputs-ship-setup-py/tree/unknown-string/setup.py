from setuptools import find_packages, setup

setup(
    name="unknown-string",
    packages="pkg",
)
