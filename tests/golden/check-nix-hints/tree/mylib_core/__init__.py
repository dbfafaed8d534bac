import numpy
import requests
