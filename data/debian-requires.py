#!/usr/bin/env python3
"""debian-requires.py - distribution -> distribution it requires, from
Debian's archive.

Pairs each Debian package of debian.tsv (module, distribution, Debian
package) with its distribution, reads the packages' Depends from the
local package lists (apt-cache dumpavail), and prints one row
"distribution<TAB>required distribution" per dependency between two
such packages, sorted, on stdout; requires.tsv in this directory is its
output.  Of alternatives ("a | b") the first is taken, as apt does.  A
package that bundles several distributions pairs with none.

To rerun on a Debian system (the Debian archive is the only source):

    apt-get update
    python3 data/debian-requires.py > data/requires.tsv

and review the diff of data/requires.tsv like code.
"""
import os
import re
import subprocess
import sys


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dists = {}
    with open(os.path.join(here, "debian.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            _, dist, pkg = line.rstrip("\n").split("\t")
            dists.setdefault(pkg, set()).add(dist)
    dist_of = {p: next(iter(d)) for p, d in dists.items() if len(d) == 1}
    text = subprocess.run(["apt-cache", "dumpavail"], capture_output=True,
                          text=True, check=True).stdout
    rows = set()
    release = ""
    for para in text.split("\n\n"):
        fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", para, re.M))
        pkg = fields.get("Package")
        if pkg not in dist_of:
            continue
        for group in fields.get("Depends", "").split(","):
            first = group.split("|")[0].strip()
            dep = re.split(r"[\s(:]", first, maxsplit=1)[0]
            if dep in dist_of and dist_of[dep] != dist_of[pkg]:
                rows.add((dist_of[pkg], dist_of[dep]))
    out = sys.stdout
    out.write("# Debian bookworm main, Depends of the packages of debian.tsv "
              "(debian-requires.py)\n")
    out.write("# distribution\trequires\n")
    for d, r in sorted(rows):
        out.write("%s\t%s\n" % (d, r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
