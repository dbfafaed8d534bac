#!/bin/sh
# bench/run.sh [DEPAUDIT] - how fast depaudit reads imports and checks
# packages, beside rg, cat and CPython's ast over the same files.
#
# Corpora, made under bench/out/ (not committed) from this machine's
# python3: its standard library (its .py and .pyi files, site-packages
# left out), and that tree copied 4 and 16 times as packages of a
# monorepo.  Each command runs several times under hyperfine; the table
# gives the median, the ratios to rg and to cat, and the peak RSS
# (/usr/bin/time -v).  Installs hyperfine, ripgrep and time if missing.
set -eu
cd "$(dirname "$0")/.."
depaudit=${1:-build/cmd/depaudit}
out=bench/out
runs=${BENCH_RUNS:-10}

need=
for p in hyperfine:hyperfine rg:ripgrep /usr/bin/time:time; do
	command -v "${p%%:*}" >/dev/null 2>&1 || need="$need ${p#*:}"
done
if [ -n "$need" ]; then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
fi
[ -x "$depaudit" ] || { echo "no $depaudit: build first" >&2; exit 2; }

stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
mkdir -p "$out"
if [ ! -d "$out/x1" ]; then
	echo "preparing corpora from $stdlib ..." >&2
	python3 - "$stdlib" "$out" <<'PY'
import os, shutil, sys
src, out = sys.argv[1], sys.argv[2]
one = os.path.join(out, "x1", "stdlib")
for d, dirs, files in os.walk(src):
    dirs[:] = sorted(x for x in dirs
                     if x not in ("site-packages", "dist-packages", "__pycache__"))
    for f in files:
        if f.endswith((".py", ".pyi")):
            rel = os.path.relpath(os.path.join(d, f), src)
            dst = os.path.join(one, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(d, f), dst)
def package(root, name):
    with open(os.path.join(root, "pyproject.toml"), "w") as f:
        f.write('[project]\nname = "%s"\nversion = "1.0"\n'
                'dependencies = ["requests"]\n' % name)
package(one, "stdlib-copy")
for n in (4, 16):
    for i in range(n):
        dst = os.path.join(out, "x%d" % n, "copy%02d" % i)
        shutil.copytree(one, dst)
        package(dst, "stdlib-copy-%02d" % i)
PY
fi
for n in 1 4 16; do
	find "$out/x$n" \( -name '*.py' -o -name '*.pyi' \) -print0 \
		> "$out/files$n"
done
bytes=$(xargs -0 -a "$out/files1" cat | wc -c)
files=$(tr -cd '\0' < "$out/files1" | wc -c)

json=$(mktemp)
trap 'rm -f "$json"' EXIT
# name | command
cat > "$out/commands" <<CMDS
imports x1|$depaudit imports --format jsonl $out/x1
imports x1 -j1|$depaudit imports -j 1 --format jsonl $out/x1
check x1|$depaudit check --fail-on never $out/x1
rg x1|rg -c --no-ignore -t py '^\\s*(import|from)\\s' $out/x1
cat x1|xargs -0 -a $out/files1 cat
ast oracle x1|python3 tests/oracle/imports_oracle.py $out/x1
imports x4|$depaudit imports --format jsonl $out/x4
check x4|$depaudit check --fail-on never $out/x4
imports x16|$depaudit imports --format jsonl $out/x16
check x16|$depaudit check --fail-on never $out/x16
rg x16|rg -c --no-ignore -t py '^\\s*(import|from)\\s' $out/x16
cat x16|xargs -0 -a $out/files16 cat
CMDS

echo "corpus x1: $files files, $bytes bytes of Python ($(python3 -c 'import sys; print(sys.version.split()[0])') standard library); $(nproc) cores" >&2
: > "$out/results"
while IFS='|' read -r name cmd; do
	r=$runs
	case $name in ast*) r=3 ;; esac
	hyperfine -N -w 1 -r "$r" --export-json "$json" "$cmd" \
		>/dev/null 2>&1 || hyperfine -w 1 -r "$r" \
		--export-json "$json" "$cmd" >/dev/null
	median=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
	# shellcheck disable=SC2086
	rss=$(sh -c "/usr/bin/time -v $cmd >/dev/null 2>$out/time.err; grep 'Maximum resident' $out/time.err | awk '{print \$NF}'")
	echo "$name|$median|$rss" >> "$out/results"
	echo "  $name: ${median}s" >&2
done < "$out/commands"

python3 - "$out/results" <<'PY'
import sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
t = {n: float(m) for n, m, _ in rows}
print("| command | median | / rg | / cat | peak RSS |")
print("|---|---:|---:|---:|---:|")
for n, m, rss in rows:
    size = n.split()[-1] if n.split()[-1].startswith("x") else n.split()[1]
    size = [w for w in n.split() if w.startswith("x")][0]
    rg, cat = t.get("rg " + size), t.get("cat " + size)
    f = lambda r: "%.1f" % (float(m) / r) if r else ""
    print("| %s | %.3f s | %s | %s | %.1f MB |"
          % (n, float(m), f(rg), f(cat), int(rss) / 1024))
def ratio(a, b):
    return t[a] / t[b]
print()
print("imports over the stdlib: %.2f x rg, %.0f x faster than the ast oracle"
      % (ratio("imports x1", "rg x1"), ratio("ast oracle x1", "imports x1")))
print("16 x tree over 1 x tree: imports %.1f x, check %.1f x"
      % (ratio("imports x16", "imports x1"), ratio("check x16", "check x1")))
PY
