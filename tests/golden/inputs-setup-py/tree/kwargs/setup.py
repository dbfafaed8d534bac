from setuptools import setup

kwargs = {"name": "kwargs-pkg", "install_requires": ["left-pad"]}
setup(**kwargs)
setup(name="second")
