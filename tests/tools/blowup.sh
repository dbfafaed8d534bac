#!/bin/sh
# blowup.sh DEPAUDIT SECONDS - inputs a hundred times larger than usual
# are read in time proportional to their size: a 2.8 MB Nix expression
# listing 200,000 inputs (20,000 distinct), a setup.py requiring 20,000
# other distributions, and a module importing 20,000 modules, checked
# together.  It must end (with findings, exit 1) within SECONDS, a loose
# bound; bench figures, not this test, say how fast.
set -u
depaudit=$1
limit=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/tree/pkg"
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
with open(os.path.join(d, "tree/setup.py"), "w") as f:
    f.write("from setuptools import setup\nsetup(name='pkg', version='1.0',"
            " packages=['pkg'], install_requires=[\n")
    f.writelines("    'dist%05d',\n" % i for i in range(20000))
    f.write("])\n")
with open(os.path.join(d, "pkg.nix"), "w") as f:
    f.write("{ buildPythonPackage, ps }:\nbuildPythonPackage {\n"
            "  pname = \"pkg\";\n  version = \"1.0\";\n  pyproject = true;\n"
            "  src = ./tree;\n  dependencies = with ps; [\n")
    f.writelines("    nixdist%05d\n" % (i % 20000) for i in range(200000))
    f.write("  ];\n}\n")
with open(os.path.join(d, "tree/pkg/__init__.py"), "w") as f:
    f.writelines("import nixdist%05d\n" % i for i in range(20000))
PY
start=$(date +%s)
timeout "$limit" "$depaudit" check --nix "$dir/pkg.nix" "$dir/tree" \
	>"$dir/out" 2>"$dir/err"
rc=$?
took=$(($(date +%s) - start))
if [ "$rc" != 1 ]; then
	echo "FAIL: exit $rc after ${took}s (124: over the ${limit}s bound)"
	tail -3 "$dir/err"
	exit 1
fi
echo "ok: ${took}s, $(tail -1 "$dir/out")"
