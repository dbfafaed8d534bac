#!/usr/bin/env python3
"""stdlib-modules.py - the standard library's top-level modules, per version.

Writes stdlib/3.X.txt in this directory, one top-level module name per
line, sorted, for Python 3.8 to 3.14.  The files are committed; rerun this
only to add a version or check the lists, then review the diff:

    python3 data/stdlib-modules.py PYTHON3.8 PYTHON3.9 ... PYTHON3.13

Each argument is an interpreter (e.g. a pyenv build).  Where the
interpreter has sys.stdlib_module_names (3.10 on) that set is the list:
it names every module of the version, whatever the platform.  For older
interpreters the list is read from the installation: the builtin
modules, the .py files and packages of the lib directory and the
extension modules of lib-dynload, less the test and demo modules a build
installs (the same ones sys.stdlib_module_names leaves out), plus the
modules only built on Windows or macOS, which a Linux build cannot show.

3.14 has no interpreter here: its list is the 3.13 list with the
changes documented in "What's New In Python 3.14" applied (ADDED_314).
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PROBE = r'''
import os, re, sys, sysconfig
if hasattr(sys, "stdlib_module_names"):
    names = set(sys.stdlib_module_names)
else:
    lib = sysconfig.get_paths()["stdlib"]
    names = set(sys.builtin_module_names)
    for entry in os.listdir(lib):
        path = os.path.join(lib, entry)
        if entry.endswith(".py"):
            names.add(entry[:-3])
        elif os.path.isfile(os.path.join(path, "__init__.py")):
            names.add(entry)
    for entry in os.listdir(os.path.join(lib, "lib-dynload")):
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\..*so$", entry)
        if m:
            names.add(m.group(1))
    drop = re.compile(r"^(test|_test.*|_ctypes_test|_sysconfigdata_.*|"
                      r"xx.*|_xx.*|__p?hello__|site-packages)$")
    names = {n for n in names if not drop.match(n) and "." not in n}
    names |= set(sys.argv[1].split())
print("%d.%d" % sys.version_info[:2])
for n in sorted(names):
    print(n)
'''

# Extension modules that exist only on Windows or macOS builds (and
# modules whose build needs a library the Linux build may lack); listed in
# sys.stdlib_module_names from 3.10 and present in 3.8 and 3.9 as well.
NOT_ON_LINUX = ("_dbm _frozen_importlib _frozen_importlib_external _gdbm "
                "_msi _overlapped _scproxy _winapi msilib msvcrt nt winreg "
                "winsound")

ADDED_314 = ["_hmac", "_remote_debugging", "_zstd", "annotationlib",
             "compression"]
REMOVED_314 = []


def write(version, names):
    os.makedirs(os.path.join(HERE, "stdlib"), exist_ok=True)
    with open(os.path.join(HERE, "stdlib", version + ".txt"), "w") as f:
        for n in sorted(set(names)):
            f.write(n + "\n")


def main():
    found = {}
    for python in sys.argv[1:]:
        out = subprocess.run([python, "-c", PROBE, NOT_ON_LINUX],
                             check=True, capture_output=True,
                             text=True).stdout.split()
        found[out[0]] = out[1:]
    for version, names in found.items():
        write(version, names)
    if "3.13" in found:
        names = set(found["3.13"]) | set(ADDED_314)
        write("3.14", names - set(REMOVED_314))


if __name__ == "__main__":
    main()
