import setuptools

setuptools.setup(
    name="ns-attr",
    packages=setuptools.find_namespace_packages(where="src"),
    package_dir={"": "src"},
)
