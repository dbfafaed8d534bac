from setuptools import setup


def make(name="first-def"):
    setup(name=name)


def make(name="second-def"):
    pass


# calls the second def: the first keeps its default
make("called")
