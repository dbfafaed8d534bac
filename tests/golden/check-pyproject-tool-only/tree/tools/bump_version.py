import tomlkit


def bump(path):
    with open(path) as f:
        doc = tomlkit.parse(f.read())
    return doc
