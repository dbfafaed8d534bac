class Provider:
    def __init__(self):
        import keyring  # optional: constructed only under a guard below

        self.keyring = keyring


def fetch():
    import requests  # required when called: fetch() runs unguarded

    return requests


def provider():
    try:
        return Provider()
    except ImportError:
        return None


def run():
    fetch()
