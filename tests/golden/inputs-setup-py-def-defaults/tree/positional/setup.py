from setuptools import setup


async def unused():
    pass


def g(a="a-default", *rest, b="b-default", **kw):
    setup(name=a + "-" + b, install_requires=[kw])


g("first", "second")
