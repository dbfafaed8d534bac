import sys

from setuptools import find_packages, setup

PIN = ">=2"


def run_setup(name="from-default", deps=["requests" + PIN]):
    setup(
        name=name,
        version=compute_version(name),
        packages=find_packages(exclude=[name + "_tests"]),
        install_requires=deps + ["six"],
    )


# two calls: the parameters keep their defaults
if __name__ == "__main__":
    if "--nightly" in sys.argv:
        run_setup("from-default-nightly")
    else:
        run_setup("from-default")
