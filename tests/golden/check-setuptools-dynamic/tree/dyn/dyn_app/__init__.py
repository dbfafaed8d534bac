import requests
import yaml


def fetch(url):
    return yaml.safe_load(requests.get(url).text)
