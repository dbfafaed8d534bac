from setuptools import setup

# elements that are not known strings: each is kept as text, the rest read
setup(
    name="odd",
    packages=[
        "good",
        42,
        UNKNOWN_NAME,
        f"pkg_{SUFFIX}",
        b"bytes",
        None,
        ("tup",),
        find_packages(),
        "also.good",
    ],
    package_dir={"": 7, 8: "src", "ok": "src/ok", "x": compute()},
    py_modules=["m", 1, None, f"{X}", "n"],
)
