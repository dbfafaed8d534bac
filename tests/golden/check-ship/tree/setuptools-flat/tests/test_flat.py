import flatpkg
import requests
import idna
