# -*- coding: utf-8 -*-
"""Every form the evaluator knows, and some it does not."""
import os
import setuptools

NAME = "tricky" + "-pkg"
VERSION = "%d.%d.%s" % (1, 2, "3")
FLOOR: str = "2.0"
BASE = ["six", 'attrs>=' + FLOOR]
BASE.append("idna")
BASE.extend(["certifi", "charset-normalizer"])
EXTRA = {"socks": ["PySocks>=1.5.6,!=1.5.7"], "yaml": ["PyYAML"]}
A = B = "shared-name"
PLATFORM = os.environ.get("PLATFORM", "linux")

setuptools.setup(
    name=NAME,
    version=VERSION,
    python_requires=">={}.{}".format(3, 9),
    install_requires=BASE + [
        "requests[socks]>={v}".format(v=FLOOR),
        f"urllib3>={FLOOR}",
        f"tab\tinside",
        rf"raw\d{FLOOR}",
        f"{'quoted'}",
        f"width{FLOOR:>10}",
        A,
        "idna" if PLATFORM == "linux" else "other",
        get_requirement(),
        [x for x in ["a", "b"]],
        *["splat-one", "splat-two"],
        *unknown_list,
        b"bytes-value",
        "multi" "part" "-concat",
        "  spaced  >=1  ",
        "bad requirement!",
        EXTRA["socks"][0],
    ] + read_requirements("requirements.txt"),
    setup_requires="setuptools>=40\n# a comment\nwheel  # trailing\n",
    tests_require=tuple(["pytest"]),
    extras_require={
        **EXTRA,
        "test:python_version<'3.12'": ["pytest<8"],
        "docs": "sphinx",
        NAME: ["self-named"],
        "other": other_list,
    },
)
