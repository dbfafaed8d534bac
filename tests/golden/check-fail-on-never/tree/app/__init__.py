import yaml
import requests
