#!/usr/bin/env python3
"""debian-modules.py - module -> distribution rows from Debian's archive.

Reads the file lists of Debian's Contents index (through apt-file) and,
for every binary package that installs Python code under
/usr/lib/python3/dist-packages, pairs the importable names it installs
with the distribution name of its *.dist-info or *.egg-info directory.
Prints "module<TAB>distribution<TAB>debian-package" rows, sorted, on
stdout; debian.tsv in this directory is its output.

To rerun on a Debian system (the Debian archive is the only source):

    apt-get install apt-file
    apt-file update
    python3 data/debian-modules.py > data/debian.tsv

and review the diff of data/debian.tsv like code.  The suite the rows
came from is the first comment line of the output.

Rules:
  * a name is a module when the package installs NAME.py, NAME.*.so,
    or a directory NAME holding __init__.py; at the top level also a
    directory holding Python files but no __init__.py (PEP 420);
  * a directory that is one of the namespace roots below, or whose
    __init__.py comes from another package (PyQt5/Qwt.so), or that
    holds no code itself (twisted/plugins) is not answered by its own
    name: the names inside it are, down to three levels
    (google.cloud.storage, PyQt5.Qwt, twisted.plugins.txacme);
  * a few generic top-level names (utils, tests, ...) are never answered
    by themselves, only by what lies inside them (testing.mysqld);
  * a package with one distribution pairs all its modules with it; a
    package with several (python3-azure bundles hundreds) pairs a dotted
    name, at any depth, only with the distribution of the same
    normalized name; a package with none yields nothing, since its
    distribution name is unknown;
  * distribution names are PEP 503-normalized.
"""

import re
import subprocess
import sys

ROOT = "/usr/lib/python3/dist-packages/"
NAMESPACE_ROOTS = {"google", "azure", "zope", "ruamel", "jaraco",
                   "sphinxcontrib", "backports"}
# Top-level names some packages install by mistake or share as a loose
# namespace; answering "import utils" with one of them would be a guess.
GENERIC = {"common", "doc", "docs", "example", "examples", "lib", "scripts",
           "src", "test", "testing", "tests", "utils"}
MAX_DEPTH = 3
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EXT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z0-9_-]+)?\.so$")
VALID = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
META = re.compile(r"^([A-Za-z0-9_.]+?)-[^/]*\.(dist-info|egg-info)$")


def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def module_name(leaf):
    """The importable name of a file directly in a directory, or None."""
    if leaf.endswith(".py"):
        stem = leaf[:-3]
        return stem if IDENT.match(stem) else None
    m = EXT.match(leaf)
    return m.group(1) if m else None


def contents():
    """(package, path under ROOT) for every matching file of the index."""
    pattern = "^" + re.escape(ROOT) + "([^/]+/){0,%d}[^/]+$" % MAX_DEPTH
    out = subprocess.run(
        ["apt-file", "--filter-origins", "Debian", "search", "-x",
         pattern],
        check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        pkgs, _, path = line.partition(": ")
        path = path.strip()
        if not path.startswith(ROOT):
            continue
        for pkg in pkgs.split(","):
            yield pkg.strip(), path[len(ROOT):]


def package_tree(files):
    """A nested dict of the files one package installs."""
    tree = {}
    for rel in files:
        node = tree
        parts = rel.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if node is None:
                break
        else:
            node.setdefault(parts[-1], None)
    return tree


def has_code(child):
    return any(v is None and module_name(k) for k, v in child.items())


def modules(tree, prefix, depth, inits):
    """The dotted module names a (sub)tree of one package provides."""
    found = set()
    for name, child in tree.items():
        if child is None:
            mod = module_name(name)
            if mod and mod != "__init__" and prefix + mod not in GENERIC:
                found.add(prefix + mod)
            continue
        if not IDENT.match(name) or name == "__pycache__":
            continue
        dotted = prefix + name
        shared = dotted in inits and "__init__.py" not in child
        if dotted in NAMESPACE_ROOTS or dotted in GENERIC or shared:
            pass
        elif "__init__.py" in child or (not prefix and has_code(child)):
            found.add(dotted)
            continue
        if depth < MAX_DEPTH:
            found |= modules(child, dotted + ".", depth + 1, inits)
    return found


def paired(tree, prefix, depth, dists):
    """(module, dist) of a package with several distributions: a module
    whose normalized name is one of them, at any depth."""
    found = set()
    for name, child in tree.items():
        mod = module_name(name) if child is None else name
        if not mod or not IDENT.match(mod) or mod == "__init__":
            continue
        dotted = prefix + mod
        if pep503(dotted) in dists:
            found.add((dotted, pep503(dotted)))
        if child is not None and depth < MAX_DEPTH:
            found |= paired(child, dotted + ".", depth + 1, dists)
    return found


def main():
    files = {}
    inits = set()
    for pkg, rel in contents():
        files.setdefault(pkg, []).append(rel)
        if rel.endswith("/__init__.py"):
            inits.add(rel[:-len("/__init__.py")].replace("/", "."))
    rows = set()
    for pkg, rels in files.items():
        dists = set()
        for rel in rels:
            m = META.match(rel.split("/")[0])
            if m and VALID.match(m.group(1)):
                dists.add(pep503(m.group(1)))
        if not dists:
            continue
        tree = package_tree(rels)
        if len(dists) == 1:
            dist = next(iter(dists))
            for mod in modules(tree, "", 1, inits):
                rows.add((mod, dist, pkg))
        else:
            for mod, dist in paired(tree, "", 1, dists):
                rows.add((mod, dist, pkg))
    release = subprocess.run(
        ["sh", "-c", ". /etc/os-release && echo $VERSION_CODENAME"],
        capture_output=True, text=True).stdout.strip() or "unknown"
    out = sys.stdout
    out.write("# Debian %s main, Contents index (debian-modules.py)\n"
              % release)
    out.write("# module\tdistribution\tdebian-package\n")
    for row in sorted(rows):
        out.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
