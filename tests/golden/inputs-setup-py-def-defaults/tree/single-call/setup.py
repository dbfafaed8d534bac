from setuptools import setup

EXTRAS = {"cli": ["click"]}


def build(name, extras=EXTRAS, *, pkgs=["unused"]):
    setup(name=name, packages=pkgs, extras_require=extras)


def not_at_module_level():
    build("ignored-call")


# the one call at module level binds the parameters
build("from-call", pkgs=["called"])
