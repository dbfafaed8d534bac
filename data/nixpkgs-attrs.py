#!/usr/bin/env python3
"""nixpkgs-attrs.py - nixpkgs Python attributes and aliases as data rows.

Turns two tab-separated lists extracted from nixpkgs (an attribute list
of pkgs/top-level/python-packages.nix with columns attr, path, and an
alias list of pkgs/top-level/python-aliases.nix with columns alias,
target, "-" for a removed alias) into the two files depaudit builds its
table from:

    nixpkgs-attrs.txt    every attribute of the Python package set,
                         sorted; depaudit answers an attribute only if
                         it is listed here
    nixpkgs-aliases.tsv  distribution -> attribute rows from the renames:
                         an alias whose PEP 503 name is not itself an
                         attribute, followed through chains of aliases to
                         an attribute that exists (removed ones dropped)

Usage, then review the diff:

    python3 data/nixpkgs-attrs.py ATTRS.tsv ALIASES.tsv 'REVISION NOTE'

The revision note (which nixpkgs state the lists describe) becomes the
first comment line of both outputs; depaudit stores it in the table.
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def rows(path):
    with open(path) as f:
        lines = f.read().splitlines()
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) >= 2:
            yield cols[0], cols[1]


def main():
    attrs_tsv, aliases_tsv, note = sys.argv[1:4]
    attrs = sorted({a for a, _ in rows(attrs_tsv)})
    known = set(attrs)
    aliases = dict(rows(aliases_tsv))
    out = []
    for alias in sorted(aliases):
        dist = pep503(alias)
        if alias in known or dist in known:
            continue
        target, seen = aliases[alias], set()
        while target in aliases and target not in known and target not in seen:
            seen.add(target)
            target = aliases[target]
        if target in known:
            out.append((dist, target, alias))
    with open(os.path.join(HERE, "nixpkgs-attrs.txt"), "w") as f:
        f.write("# %s\n# attr\n" % note)
        for a in attrs:
            f.write(a + "\n")
    with open(os.path.join(HERE, "nixpkgs-aliases.tsv"), "w") as f:
        f.write("# %s\n# distribution\tattr\talias\n" % note)
        for row in sorted(set(out)):
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
