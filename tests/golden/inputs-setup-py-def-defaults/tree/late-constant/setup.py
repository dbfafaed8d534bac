from setuptools import setup


def main():
    setup(name=NAME, install_requires=DEPS)


# bound after the def, before the call: the body sees them
NAME = "late"
DEPS = ["idna"]

main()
