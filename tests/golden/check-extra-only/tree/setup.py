from setuptools import setup

setup(
    name="pkg",
    version="1.0",
    packages=["pkg"],
    install_requires=["requests"],
    extras_require={"yaml": ["pyyaml"], "toml": ["tomli"]},
)
