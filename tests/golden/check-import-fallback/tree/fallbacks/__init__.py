try:
    import orjson as json  # faster when present; json stands in
except ImportError:
    import json

try:
    import tomllib  # the standard library's since 3.11
except ImportError:
    import tomli as tomllib

try:
    import ujson  # declared: the fallback is never needed
except ModuleNotFoundError:
    import simplejson as ujson

try:
    from ruamel import yaml  # neither is provided: the fallback is
except ImportError:
    import yaml
