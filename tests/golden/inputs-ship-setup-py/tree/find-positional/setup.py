from setuptools import find_packages, setup

# find_packages(where, exclude, include)
setup(name="three", packages=find_packages(".", (), ["only*"],))
