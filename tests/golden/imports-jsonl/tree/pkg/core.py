import typing

if typing.TYPE_CHECKING:
    from upath import UPath


def load(path):
    from upath import UPath
    return UPath(path)


class Saver:
    import json

    def save(self):
        return __import__("antlr4")


def save():
    pass
