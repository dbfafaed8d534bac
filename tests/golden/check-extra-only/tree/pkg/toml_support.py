def load(path):
    import tomli

    return tomli.load(path)
