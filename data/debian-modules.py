#!/usr/bin/env python3
"""debian-modules.py - module -> distribution rows from Debian's archive.

Reads the Contents indexes of Debian's bookworm, trixie and sid (through
debian_archive.py: apt with a private sources list, state and cache, the
machine's apt setup untouched) and, for every binary package that
installs Python code under /usr/lib/python3/dist-packages, pairs the
importable names it installs with the distribution name of its
*.dist-info or *.egg-info directory.  Prints "module<TAB>distribution<TAB>
debian-package" rows, sorted, on stdout; debian.tsv in this directory is
its output.

To rerun on a Debian system (the Debian archive is the only source):

    python3 data/debian-modules.py --update > data/debian.tsv

and review the diff of data/debian.tsv like code.  The suites the rows
came from, and the day their indexes were fetched, are the first comment
line of the output.

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
  * distribution names are PEP 503-normalized, and Debian's build
    flavours folded into the upstream name: h5py's serial and MPI builds
    install "h5py-debian-h5py-serial" and "h5py-debian-h5py-mpi", which
    are h5py;
  * the newest suite wins: a module is answered by the distributions
    of the newest suite that has it, a Debian package by its files in
    the newest suite that has it.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debian_archive  # noqa: E402

ROOT = "usr/lib/python3/dist-packages/"
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
    """The PEP 503 name, with a Debian build flavour folded away."""
    name = re.sub(r"[-_.]+", "-", name).lower()
    return re.sub(r"-debian-.+$", "", name)


def module_name(leaf):
    """The importable name of a file directly in a directory, or None."""
    if leaf.endswith(".py"):
        stem = leaf[:-3]
        return stem if IDENT.match(stem) else None
    m = EXT.match(leaf)
    return m.group(1) if m else None


def contents(path):
    """(package, path under ROOT) for every file of one Contents index
    that lies at most MAX_DEPTH directories below ROOT."""
    for line in debian_archive.lines(path):
        if not line.startswith(ROOT):
            continue
        # "PATH   section/pkg,section/pkg"; a path may hold spaces
        rel, _, pkgs = line.rstrip("\n").rpartition(" ")
        rel = rel.rstrip()[len(ROOT):]
        if not rel or rel.count("/") > MAX_DEPTH:
            continue
        for pkg in pkgs.split(","):
            yield pkg.rsplit("/", 1)[-1], rel


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


def suite_rows(files, inits):
    """{module: {(dist, pkg)}} of one suite's packages."""
    rows = {}
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
            pairs = ((mod, dist) for mod in modules(tree, "", 1, inits))
        else:
            pairs = paired(tree, "", 1, dists)
        for mod, dist in pairs:
            rows.setdefault(mod, set()).add((dist, pkg))
    return rows


def main():
    debian_archive.main_args(sys.argv)
    answer = {}
    for suite, paths in debian_archive.suite_files("Contents-deb"):
        files, inits = {}, set()
        for path in paths:
            for pkg, rel in contents(path):
                files.setdefault(pkg, set()).add(rel)
                if rel.endswith("/__init__.py"):
                    inits.add(rel[:-len("/__init__.py")].replace("/", "."))
        # the newest suite that has a module answers it
        answer.update(suite_rows(files, inits))
        print("debian-modules: %s: %d packages, %d modules"
              % (suite, len(files), len(answer)), file=sys.stderr)
    out = sys.stdout
    out.write("# %s, Contents (debian-modules.py)\n" % debian_archive.header("Contents-deb"))
    out.write("# module\tdistribution\tdebian-package\n")
    for mod in sorted(answer):
        # one row per distribution: of two packages of one (python3-tatsu
        # and python3-tatsu-lts), the first by name
        best = {}
        for dist, pkg in sorted(answer[mod]):
            best.setdefault(dist, pkg)
        for dist in sorted(best):
            out.write("%s\t%s\t%s\n" % (mod, dist, best[dist]))


if __name__ == "__main__":
    main()
