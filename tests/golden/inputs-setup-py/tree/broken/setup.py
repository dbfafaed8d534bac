from setuptools import setup

setup(
    name="broken",
    install_requires=[
        "ok-one",
        "unterminated,
        "ok-two",
    ],
