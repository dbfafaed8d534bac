#!/usr/bin/env python3
"""debian-requires.py - distribution -> distribution it requires, from
Debian's archive.

Pairs each Debian package of debian.tsv (module, distribution, Debian
package) with its distribution, reads the packages' Depends from the
Packages indexes of bookworm, trixie and sid (through debian_archive.py:
apt with a private sources list, state and cache), and prints one row
"distribution<TAB>required distribution" per dependency between two
such packages, sorted, on stdout; requires.tsv in this directory is its
output.  A package's Depends are taken from the newest suite that has
it.  Of alternatives ("a | b") the first is taken, as apt does.  A
package that bundles several distributions pairs with none.

To rerun on a Debian system (the Debian archive is the only source),
after debian-modules.py:

    python3 data/debian-requires.py > data/requires.tsv

and review the diff of data/requires.tsv like code.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debian_archive  # noqa: E402


def main():
    debian_archive.main_args(sys.argv)
    here = os.path.dirname(os.path.abspath(__file__))
    dists = {}
    with open(os.path.join(here, "debian.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            _, dist, pkg = line.rstrip("\n").split("\t")
            dists.setdefault(pkg, set()).add(dist)
    dist_of = {p: next(iter(d)) for p, d in dists.items() if len(d) == 1}
    depends = {}
    for _, paths in debian_archive.suite_files("Packages"):
        for path in paths:
            pkg = None
            for line in debian_archive.lines(path):
                if line.startswith("Package: "):
                    pkg = line[9:].strip()
                    if pkg in dist_of:
                        depends[pkg] = ""
                elif line.startswith("Depends: ") and pkg in dist_of:
                    # the newest suite that has the package says
                    depends[pkg] = line[9:].strip()
    rows = set()
    for pkg, deps in depends.items():
        for group in deps.split(","):
            first = group.split("|")[0].strip()
            dep = re.split(r"[\s(:]", first, maxsplit=1)[0]
            if dep in dist_of and dist_of[dep] != dist_of[pkg]:
                rows.add((dist_of[pkg], dist_of[dep]))
    out = sys.stdout
    out.write("# %s, Depends of the packages of debian.tsv "
              "(debian-requires.py)\n" % debian_archive.header("Packages"))
    out.write("# distribution\trequires\n")
    for d, r in sorted(rows):
        out.write("%s\t%s\n" % (d, r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
