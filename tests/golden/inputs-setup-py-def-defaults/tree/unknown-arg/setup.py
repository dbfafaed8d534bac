from setuptools import setup


def go(name="default-not-used"):
    setup(name=name)


go(read_name())
