from setuptools import setup

BASE = "base"
MORE = ["more.sub"]
MORE += ["more.other"]

setup(
    name="lister",
    py_modules=["single", "other_mod"],
    packages=[BASE, BASE + ".util", "plain"] + MORE + ["tail"],
    package_dir={
        "": "lib",
        "plain": "src/plain",
        BASE: "src/" + BASE,
    },
)
