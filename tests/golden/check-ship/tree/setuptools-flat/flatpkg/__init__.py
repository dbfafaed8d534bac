import requests
import attr


def render():
    import yaml

    return yaml
