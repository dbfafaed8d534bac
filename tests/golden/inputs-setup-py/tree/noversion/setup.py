import re

from setuptools import setup

with open("noversion/_version.py") as f:
    version = re.search(r'__version__ = "(.*)"', f.read()).group(1)

setup(name="noversion", version=version, install_requires=DEPS)
