import flatpkg
import requests
import idna

try:
    import ujson
except ImportError:
    ujson = None
