import flask
import requests

from helpers import util
