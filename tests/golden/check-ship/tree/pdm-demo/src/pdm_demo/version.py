from importlib.metadata import version


def get():
    return version("pdm-demo")
