import flatpkg
import requests
