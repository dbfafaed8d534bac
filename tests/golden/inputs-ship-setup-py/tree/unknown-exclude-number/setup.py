from setuptools import find_packages, setup

setup(
    name="unknown-exclude-number",
    packages=find_packages(("src"), exclude=[1]),
)
