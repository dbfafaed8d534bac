import sys

from setuptools import find_packages, setup


def get_version(name):
    version = {}
    with open("dagster/version.py") as fp:
        exec(fp.read(), version)
    return version["__version__"]


def _do_setup(name="dagster"):
    setup(
        name=name,
        version=get_version(name),
        packages=find_packages(exclude=["dagster_tests"]),
        install_requires=["click>=5.0", "pyyaml"],
    )


if __name__ == "__main__":
    parsed, unparsed = sys.argv[1:], []
    if "--nightly" in parsed:
        _do_setup("dagster-nightly")
    else:
        _do_setup("dagster")
