import setuptools

setuptools.setup(
    name="attr-finder",
    packages=setuptools.find_packages(
        where="lib",
        include=("app", "app.*"),
        exclude=["app.tests"],
    ),
)
