from setuptools import setup
def f(n="one-line", m=["mod"]): setup(name=n, py_modules=m)
f()
