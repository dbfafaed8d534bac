import requests
import yaml

from pkg import toml_support
