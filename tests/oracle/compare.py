#!/usr/bin/env python3
"""compare.py DEPAUDIT (PATH | --stdlib) [--newest-python] [--python X.Y]
-- test the import extractor against CPython's ast module.

Runs `DEPAUDIT imports --format jsonl PATH` and imports_oracle.py over the
same PATH and compares them file by file: every import object (line,
kind, module, level, names, context) must be the same.  --stdlib takes
the standard library directory of the python3 running this script (its
site-packages and dist-packages left out).  --newest-python runs the
oracle with the newest python3.X on PATH, so that cases needing its
grammar are checked; a file whose first line is "# oracle: python>=3.N"
is skipped, and counted as such, when the oracle's Python is older.
ORACLE_PYTHON names the interpreter to use instead.  --python X.Y is the
target both evaluate static conditions for (3.12 by default).

Fails on any difference, and on any warning depaudit gives for a file
that CPython parses.  Files CPython rejects are only counted, with how
many of them depaudit warned about.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections import defaultdict

ORACLE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "imports_oracle.py")
EXCLUDED = ("site-packages", "dist-packages")


def runs(exe):
    return exe and subprocess.run([exe, "-c", "pass"],
                                  capture_output=True).returncode == 0


def newest_python():
    """The newest python3.X on PATH, or among pyenv's versions."""
    found = []
    for minor in range(20, 7, -1):
        exe = shutil.which("python3.%d" % minor)
        if runs(exe):
            found.append((minor, exe))
    if shutil.which("pyenv"):
        out = subprocess.run(["pyenv", "versions", "--bare"],
                             capture_output=True, text=True).stdout
        for v in out.split():
            m = re.match(r"3\.(\d+)\.\d+$", v)
            if not m:
                continue
            prefix = subprocess.run(["pyenv", "prefix", v],
                                    capture_output=True, text=True).stdout
            exe = os.path.join(prefix.strip(), "bin", "python3")
            if runs(exe):
                found.append((int(m.group(1)), exe))
    return max(found)[1] if found else sys.executable


def key(o):
    return (o["line"], o["kind"], o["module"], o["level"],
            tuple(o["names"]), tuple(o["context"]))


def excluded(rel):
    return any(part in EXCLUDED for part in rel.split("/"))


def main(argv):
    depaudit = argv[1]
    stdlib = argv[2] == "--stdlib"
    root = sysconfig.get_paths()["stdlib"] if stdlib else argv[2]
    python = os.environ.get("ORACLE_PYTHON") or (
        newest_python() if "--newest-python" in argv else sys.executable)
    target = argv[argv.index("--python") + 1] if "--python" in argv else "3.12"
    version = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True, text=True, check=True).stdout.strip()
    major, minor = map(int, version.split("."))

    env = dict(os.environ, LC_ALL="C")
    dep = subprocess.run([depaudit, "imports", "--format", "jsonl",
                          "--python", target, root],
                         capture_output=True, text=True, env=env)
    if dep.returncode != 0:
        print("depaudit exited with %d:\n%s" % (dep.returncode, dep.stderr))
        return 1
    skip = [a for d in EXCLUDED for a in ("--skip-dir", d)] if stdlib else []
    orc = subprocess.run([python, ORACLE] + skip +
                         ["--python-minor", target.split(".")[1], root],
                         capture_output=True, text=True, check=True)

    ours = defaultdict(list)
    for line in dep.stdout.splitlines():
        o = json.loads(line)
        ours[o["file"]].append(key(o))
    theirs = defaultdict(list)
    rejected = {}
    for line in orc.stdout.splitlines():
        o = json.loads(line)
        if "error" in o:
            rejected[o["file"]] = o
        elif "imports" in o:
            theirs.setdefault(o["file"], [])
        else:
            theirs[o["file"]].append(key(o))

    prefix = root.rstrip("/") + "/" if root != "." else ""
    warned = set()
    pat = re.compile(r"^depaudit: (.*?):\d+(?::\d+)?: warning: ")
    for line in dep.stderr.splitlines():
        m = pat.match(line)
        if m and m.group(1).startswith(prefix):
            warned.add(m.group(1)[len(prefix):])

    files = imports = diffs = skipped = false_warnings = 0
    shown = 0
    all_files = set(ours) | set(theirs) | set(rejected)
    for rel in sorted(all_files | warned):
        if excluded(rel):
            continue
        path = os.path.join(root, rel) if os.path.isdir(root) else root
        try:
            with open(path, "rb") as f:
                first = f.readline()
        except OSError:
            first = b""
        m = re.match(rb"# oracle: python>=3\.(\d+)", first)
        if m and minor < int(m.group(1)):
            skipped += 1
            continue
        if rel in rejected:
            continue
        files += 1
        a, b = sorted(ours.get(rel, [])), sorted(theirs.get(rel, []))
        imports += len(b)
        if rel in warned:
            false_warnings += 1
            print("false warning: %s" % rel)
        if a != b:
            diffs += 1
            if shown < 30:
                shown += 1
                print("difference in %s" % rel)
                for k in sorted(set(a) - set(b)):
                    print("  depaudit only: %r" % (k,))
                for k in sorted(set(b) - set(a)):
                    print("  ast only:      %r" % (k,))
                if set(a) == set(b):
                    print("  (the same imports, counted differently)")
    nrej = sum(1 for r in rejected if not excluded(r))
    nwarned = sum(1 for r in rejected if not excluded(r) and r in warned)
    print("oracle (Python %s): %d files, %d imports compared, "
          "%d files differ, %d false warnings; CPython rejects %d files "
          "(depaudit warned on %d); %d skipped for a newer Python"
          % (version, files, imports, diffs, false_warnings, nrej, nwarned,
             skipped))
    return 1 if diffs or false_warnings or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
