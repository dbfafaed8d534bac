import sys

from setuptools import setup

name = "module-constant"


def go(name):
    setup(name=name, install_requires=["ok"])


# '*' in the call: the arguments are not known, the parameter hides the constant
go(*sys.argv[1:])
