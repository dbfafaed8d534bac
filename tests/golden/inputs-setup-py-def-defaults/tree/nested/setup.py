from setuptools import setup

name = "module-constant"


class Builder:
    def outer(self, name="outer-default", req="attrs"):
        def inner(name="inner-default"):
            setup(name=name, install_requires=[req])

        inner()


Builder().outer()
