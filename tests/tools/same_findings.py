#!/usr/bin/env python3
"""same_findings.py DEPAUDIT MKARCHIVE TREE... -- depaudit check finds the
same in a package's tree, in its sdist and in its wheel.

The sdist is the tree packed under NAME-VERSION/; it must give exactly
the tree's findings.  The wheel is what a build installs: the package's
modules and a NAME-VERSION.dist-info/METADATA whose Requires-Dist are the
runtime and extra inputs depaudit inputs reads from the tree.  A wheel
ships no tests and no setup.py, so the findings only those can have are
left out of that comparison: findings whose every import is in a test
file, and test-only (which becomes unused once the tests are gone).
"""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile


def run_json(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("%s: exit %d\n%s" % (" ".join(cmd), out.returncode,
                                       out.stderr))
    return json.loads(out.stdout)


def is_test(path):
    """Whether a file of the package is a test: by its path inside the
    tree or the archive."""
    path = re.split(r"\.(?:whl|zip|tar\.gz)!", path)[-1]
    for tree in TREES:
        if path.startswith(tree.rstrip("/") + "/"):
            path = path[len(tree.rstrip("/")) + 1:]
    parts = path.split("/")
    base = parts[-1]
    return (base == "conftest.py" or base.startswith("test_")
            or base.endswith("_test.py")
            or any(p in ("test", "tests") for p in parts[:-1]))


def findings(doc, wheel_view):
    keys = set()
    for pkg in doc["packages"]:
        for f in pkg["findings"]:
            rule = f["rule"]
            if wheel_view:
                ev = [e["file"] for e in f["evidence"]]
                if ev and all(is_test(e) for e in ev) and not f["more_evidence"]:
                    continue
                if rule == "test-only":
                    rule = "unused"
            keys.add((pkg["name"], rule, f["subject"]))
    return keys


def metadata(depaudit, tree):
    """Name, version and Requires-Dist lines from the tree's metadata."""
    doc = run_json([depaudit, "inputs", "--format", "json", tree])
    name = version = None
    reqs = []
    for f in doc["files"]:
        if f["format"] in ("requirements",):
            continue
        for p in f["packages"]:
            name = name or p["name"]
            version = version or p["version"]
        for r in f["requirements"]:
            if r["kind"] not in ("runtime", "optional") or not r["name"]:
                continue
            # From the parsed fields: a spec that could not be evaluated
            # in full (f"dagster-pipes{pin}") still has its name.
            spec = r["name"]
            if r["extras"]:
                spec += "[%s]" % r["extras"]
            if r["specifier"]:
                spec += " " + r["specifier"]
            markers = [r["marker"]] if r["marker"] else []
            if r["kind"] == "optional":
                markers.append('extra == "%s"' % r["group"])
            if markers:
                spec += "; " + " and ".join("(%s)" % m for m in markers)
            reqs.append(spec)
    return name, version or "0", reqs


def modules(tree):
    """The package's top-level packages and modules, not its tests."""
    out = []
    for entry in sorted(os.listdir(tree)):
        path = os.path.join(tree, entry)
        if os.path.isdir(path) and os.path.exists(
                os.path.join(path, "__init__.py")) and not is_test(entry + "/x"):
            out.append(entry)
        elif (entry.endswith(".py") and entry not in ("setup.py", "conftest.py")
              and not is_test(entry)):
            out.append(entry)
    return out


TREES = []


def main(argv):
    depaudit, mkarchive, trees = argv[1], argv[2], argv[3:]
    TREES.extend(trees)
    status = 0
    for tree in trees:
        name, version, reqs = metadata(depaudit, tree)
        work = tempfile.mkdtemp()
        try:
            want = findings(run_json([depaudit, "check", "--format", "json",
                                      "--fail-on", "never", tree]), False)
            sdist = os.path.join(work, "%s-%s.tar.gz" % (name, version))
            subprocess.run([mkarchive, "tar.gz", sdist, "-d", tree, "-p",
                            "%s-%s/" % (name, version)], check=True)
            got = findings(run_json([depaudit, "check", "--format", "json",
                                     "--fail-on", "never", sdist]), False)
            if got != want:
                status = 1
                print("%s: the sdist differs: %s" % (tree, sorted(got ^ want)))
            stage = os.path.join(work, "wheel")
            os.makedirs(stage)
            for m in modules(tree):
                src = os.path.join(tree, m)
                (shutil.copytree if os.path.isdir(src) else shutil.copy)(
                    src, os.path.join(stage, m))
            info = os.path.join(stage, "%s-%s.dist-info" % (
                name.replace("-", "_"), version))
            os.makedirs(info)
            with open(os.path.join(info, "METADATA"), "w") as f:
                f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n"
                        % (name, version))
                for r in reqs:
                    f.write("Requires-Dist: %s\n" % r)
            whl = os.path.join(work, "%s-%s-py3-none-any.whl" % (
                name.replace("-", "_"), version))
            subprocess.run([mkarchive, "zip", whl, "-d", stage], check=True)
            want_w = findings(run_json([depaudit, "check", "--format", "json",
                                        "--fail-on", "never", tree]), True)
            got_w = findings(run_json([depaudit, "check", "--format", "json",
                                       "--fail-on", "never", whl]), True)
            if got_w != want_w:
                status = 1
                print("%s: the wheel differs: tree only %s, wheel only %s"
                      % (tree, sorted(want_w - got_w), sorted(got_w - want_w)))
            if got == want and got_w == want_w:
                print("%s: %d findings; the sdist and the wheel (%d "
                      "compared) agree" % (tree, len(want), len(want_w)))
        finally:
            shutil.rmtree(work)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
