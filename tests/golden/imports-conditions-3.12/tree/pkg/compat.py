"""Every form of static condition depaudit evaluates for the target."""
import os
import platform
import sys
import sys as _sys
from sys import platform as sys_platform
from sys import version_info

PY311 = sys.version_info >= (3, 11)
IS_PY2 = sys.version_info[0] == 2
WINDOWS = os.name == "nt"

if sys.version_info < (3, 11):
    import tomli as tomllib
else:
    import tomllib

if sys.version_info[:2] >= (3, 9):
    import zoneinfo
elif sys.version_info.minor == 8:
    from backports import zoneinfo
if sys.version_info.major == 3 and version_info[1] >= 10:
    import importlib.metadata as metadata
else:
    import importlib_metadata as metadata
if not PY311:
    import exceptiongroup
if IS_PY2:
    import ConfigParser
if WINDOWS or sys_platform.startswith("win"):
    import winreg
elif _sys.platform == "darwin":
    import appnope
elif platform.system() == "Linux" and sys.implementation.name == "cpython":
    import uvloop
if sys.version_info >= (3, 8) and os.environ.get("FAST"):
    import orjson


def load(name):
    if sys.version_info < (3, 9):
        import importlib_resources as resources
    else:
        from importlib import resources
    return __import__(name="json"), resources
