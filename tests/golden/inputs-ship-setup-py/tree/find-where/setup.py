from setuptools import find_packages, setup

SRC = "src"

setup(
    name="where-exclude",
    package_dir={"": SRC},
    packages=find_packages(SRC, ["tests", SRC + ".tests.*"]),
)
