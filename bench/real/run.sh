#!/bin/sh
# bench/real/run.sh - precision of depaudit's error findings on real projects.
#
# 1. Builds the corpus under bench/real/out/ (not committed): each project of
#    projects.tsv exported at its tag from a git mirror, and the nixpkgs
#    expressions that build it, from the expression cache.
# 2. Runs `depaudit check --format json --fail-on never [--nix EXPR]... TREE`
#    on each project.
# 3. Joins every error finding, every `missing` warning and every
#    `missing-optional` or `transitive` warning with judged.tsv and prints,
#    per project and in total, how many are judged TRUE, FALSE or not yet,
#    the precision TRUE / (TRUE + FALSE) of each, and the unjudged findings.
#
# Environment:
#   DEPAUDIT          the binary (default build/cmd/depaudit)
#   DEPAUDIT_MIRRORS  directory of bare git mirrors, one per upstream repo,
#                     as OWNER+NAME/repo, OWNER+NAME, OWNER+NAME.git or
#                     OWNER/NAME(.git); needed only for trees not built yet
#   DEPAUDIT_NIXPKGS  a nixpkgs git directory holding the recorded commits;
#                     needed only for expressions missing from the cache
#   DEPAUDIT_NIXCACHE the expression cache (default bench/real/out/nixpkgs),
#                     laid out as COMMIT/PATH, e.g.
#                     <commit>/pkgs/development/python-modules/black/default.nix
#   BENCH_PROJECTS    space-separated subset of projects (default: all)
#   BENCH_REBUILD=1   export every tree again
#
# Usage: bench/real/run.sh [-q]      (-q: summary only, no unjudged list)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top"

quiet=0
[ "${1:-}" = -q ] && quiet=1

depaudit=${DEPAUDIT:-build/cmd/depaudit}
case $depaudit in /*) ;; *) depaudit=$top/$depaudit ;; esac
[ -x "$depaudit" ] || { echo "run.sh: no depaudit at $depaudit: build it first or set DEPAUDIT" >&2; exit 2; }

out=$here/out
cache=${DEPAUDIT_NIXCACHE:-$out/nixpkgs}
case $cache in /*) ;; *) cache=$top/$cache ;; esac
mkdir -p "$out/src" "$out/reports" "$cache"

tab=$(printf '\t')
start=$(date +%s)

# find_mirror OWNER/NAME -> prints the git directory or nothing
find_mirror() {
	[ -n "${DEPAUDIT_MIRRORS:-}" ] || return 0
	o=${1%%/*} n=${1#*/}
	for d in "$DEPAUDIT_MIRRORS/$o+$n/repo" "$DEPAUDIT_MIRRORS/$o+$n" \
	         "$DEPAUDIT_MIRRORS/$o+$n.git" "$DEPAUDIT_MIRRORS/$o/$n" \
	         "$DEPAUDIT_MIRRORS/$o/$n.git"; do
		if [ -d "$d" ] && git --git-dir="$d" rev-parse -q --verify HEAD >/dev/null 2>&1; then
			echo "$d"
			return 0
		fi
	done
}

fail=0
grep -v '^#' "$here/projects.tsv" | while IFS="$tab" read -r project repo tag backend layout npaths ncommits subdir; do
	[ -n "$project" ] || continue
	if [ -n "${BENCH_PROJECTS:-}" ]; then
		case " $BENCH_PROJECTS " in *" $project "*) ;; *) continue ;; esac
	fi
	tree=$out/src/$project
	stamp=$out/src/.$project.tag
	# (a) the tree at its tag
	if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -d "$tree" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$repo $tag" ]; then
		git=$(find_mirror "$repo")
		if [ -z "$git" ]; then
			if [ -z "${DEPAUDIT_MIRRORS:-}" ]; then
				echo "run.sh: $project is not built under bench/real/out/src and DEPAUDIT_MIRRORS is unset:" >&2
				echo "run.sh: set it to the directory of git mirrors (one per upstream repository)" >&2
			else
				echo "run.sh: no git mirror of $repo under \$DEPAUDIT_MIRRORS" >&2
			fi
			exit 2
		fi
		git --git-dir="$git" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null ||
			{ echo "run.sh: $repo has no tag $tag" >&2; exit 2; }
		rm -rf "$tree" "$tree.part"
		mkdir -p "$tree.part"
		git --git-dir="$git" archive --format=tar "refs/tags/$tag" | tar -x -C "$tree.part"
		mv "$tree.part" "$tree"
		echo "$repo $tag" >"$stamp"
		echo "run.sh: exported $repo $tag" >&2
	fi
	# (b) the expressions, from the cache or from a nixpkgs checkout
	nixargs=
	if [ "$npaths" != - ]; then
		i=1
		for p in $(echo "$npaths" | tr , ' '); do
			c=$(echo "$ncommits" | cut -d, -f$i)
			f=$cache/$c/$p
			if [ ! -f "$f" ]; then
				if [ -n "${DEPAUDIT_NIXPKGS:-}" ]; then
					mkdir -p "$(dirname "$f")"
					git --git-dir="$DEPAUDIT_NIXPKGS" show "$c:$p" >"$f.part" &&
						mv "$f.part" "$f" ||
						{ rm -f "$f.part"; echo "run.sh: nixpkgs has no $c:$p" >&2; exit 2; }
				else
					echo "run.sh: missing expression $c/$p in the cache; set DEPAUDIT_NIXPKGS" >&2
					echo "run.sh: to a nixpkgs git directory, or place the file there" >&2
					exit 2
				fi
			fi
			# relative to out/src, where depaudit runs, when the cache is
			# the default one (so that reports hold no machine paths)
			if [ "$cache" = "$out/nixpkgs" ]; then
				nixargs="$nixargs --nix ../nixpkgs/$c/$p"
			else
				nixargs="$nixargs --nix $f"
			fi
			i=$((i + 1))
		done
	fi
	target=$project
	[ "$subdir" = - ] || target=$project/$subdir
	# (c) the check; run from out/src so that every path in the report is
	# relative to it and starts with the project's name
	t0=$(date +%s)
	# shellcheck disable=SC2086
	rc=0
	(cd "$out/src" && "$depaudit" check --format json --fail-on never $nixargs "$target") \
		>"$out/reports/$project.json" 2>"$out/reports/$project.stderr" || rc=$?
	[ "$rc" = 0 ] ||
		echo "run.sh: depaudit exited $rc on $project, see bench/real/out/reports/$project.stderr" >&2
	echo "$project $(($(date +%s) - t0))" >"$out/reports/$project.time"
done

end=$(date +%s)
python3 - "$here" "$out" "$quiet" "$((end - start))" "${BENCH_PROJECTS:-}" <<'PY'
import csv, json, os, sys

here, out, quiet, wall, subset = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4]), sys.argv[5].split()

projects = []
with open(os.path.join(here, "projects.tsv")) as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if subset and cols[0] not in subset:
            continue
        projects.append((cols[0], cols[2]))

# judgements: (project or project:package, rule, subject, severity) ->
# (verdict, tag); severity "" (a row of 7 columns) is any severity, an 8th
# column "error" or "warning" limits the row to findings of that severity
judged = {}
with open(os.path.join(here, "judged.tsv")) as f:
    for n, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) == 7:
            row.append("")
        if len(row) != 8:
            sys.exit("judged.tsv:%d: %d columns, want 7 (or 8 with a severity)" % (n, len(row)))
        proj, tag, rule, subject, verdict, evidence, why, severity = row
        if verdict not in ("TRUE", "FALSE"):
            sys.exit("judged.tsv:%d: verdict %r is not TRUE or FALSE" % (n, verdict))
        if severity not in ("", "error", "warning"):
            sys.exit("judged.tsv:%d: severity %r is not error or warning" % (n, severity))
        key = (proj, rule, subject, severity)
        if key in judged:
            sys.exit("judged.tsv:%d: %s %s %s %s judged twice" % (n, proj, rule, subject, severity or "(any)"))
        judged[key] = (verdict, tag)

def verdict_of(project, package, rule, subject, severity):
    for p in ("%s:%s" % (project, package), project):
        for sev in (severity, ""):
            v = judged.get((p, rule, subject, sev))
            if v:
                return v[0]
    return None

# what is judged: errors, warnings of rule missing, and the warnings that
# name an import the package does not declare otherwise (missing-optional,
# transitive)
KINDS = ("errors", "missing", "optional")
OPTIONAL_RULES = ("missing-optional", "transitive")
rows, unjudged, failed = [], {k: [] for k in KINDS}, []
def zero(packages=0):
    c = dict(packages=packages, warnings=0)
    for k in KINDS:
        c.update({k: 0, k + ".true": 0, k + ".false": 0, k + ".unjudged": 0})
    return c
tot = zero()
for project, tag in projects:
    path = os.path.join(out, "reports", project + ".json")
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        failed.append(project)
        continue
    c = zero(len(doc.get("packages", [])))
    for pkg in doc.get("packages", []):
        for fd in pkg.get("findings", []):
            if fd["severity"] == "error":
                kind = "errors"
            else:
                c["warnings"] += 1
                if fd["rule"] == "missing":
                    kind = "missing"
                elif fd["rule"] in OPTIONAL_RULES:
                    kind = "optional"
                else:
                    continue
            c[kind] += 1
            v = verdict_of(project, pkg["name"], fd["rule"], fd["subject"], fd["severity"])
            if v == "TRUE":
                c[kind + ".true"] += 1
            elif v == "FALSE":
                c[kind + ".false"] += 1
            else:
                c[kind + ".unjudged"] += 1
                where = "%s:%s" % (fd.get("file"), fd.get("line")) if fd.get("file") else "-"
                unjudged[kind].append((project, tag, pkg["name"], fd["rule"], fd["subject"],
                                       fd.get("module") or "-", where, fd.get("message", "")))
    for k in tot:
        tot[k] += c[k]
    rows.append((project, c))

def prec(c, kind):
    j = c[kind + ".true"] + c[kind + ".false"]
    return "%.3f" % (c[kind + ".true"] / j) if j else "-"

w = max([len(p) for p, _ in rows] + [7])
print(("%-*s %5s | %-34s | %8s | %s" % (w, "", "", "error findings", "", "warnings of rule missing")))
print("%-*s %5s | %6s %5s %5s %5s %9s | %8s | %7s %5s %5s %5s %9s" % (
    w, "project", "pkgs", "all", "TRUE", "FALSE", "unjud", "precision", "warnings",
    "all", "TRUE", "FALSE", "unjud", "precision"))
def line(name, c):
    print("%-*s %5d | %6d %5d %5d %5d %9s | %8d | %7d %5d %5d %5d %9s" % (
        w, name, c["packages"], c["errors"], c["errors.true"], c["errors.false"],
        c["errors.unjudged"], prec(c, "errors"), c["warnings"], c["missing"],
        c["missing.true"], c["missing.false"], c["missing.unjudged"], prec(c, "missing")))
for p, c in rows:
    line(p, c)
line("TOTAL", tot)
print()
print("projects: %d; error findings: %d; judged TRUE: %d, FALSE: %d, unjudged: %d"
      % (len(rows), tot["errors"], tot["errors.true"], tot["errors.false"], tot["errors.unjudged"]))
print("precision of error findings (TRUE / (TRUE + FALSE)): %s" % prec(tot, "errors"))
if tot["errors"]:
    print("share of error findings judged TRUE (unjudged counted as not TRUE): %.3f"
          % (tot["errors.true"] / tot["errors"]))
print("missing warnings: %d (of %d warnings); judged TRUE: %d, FALSE: %d, unjudged: %d"
      % (tot["missing"], tot["warnings"], tot["missing.true"], tot["missing.false"],
         tot["missing.unjudged"]))
print("precision of missing warnings (TRUE / (TRUE + FALSE)): %s" % prec(tot, "missing"))
if tot["missing"]:
    print("share of missing warnings judged TRUE (unjudged counted as not TRUE): %.3f"
          % (tot["missing.true"] / tot["missing"]))
print("missing-optional and transitive warnings: %d; judged TRUE: %d, FALSE: %d, unjudged: %d"
      % (tot["optional"], tot["optional.true"], tot["optional.false"], tot["optional.unjudged"]))
print("precision of missing-optional and transitive warnings: %s" % prec(tot, "optional"))
if failed:
    print("no report for: %s" % " ".join(failed))
print("wall time of the run (export + check): %ds" % wall)
if not quiet:
    for kind, title in (("errors", "unjudged error findings"),
                        ("missing", "unjudged missing warnings"),
                        ("optional", "unjudged missing-optional and transitive warnings")):
        if unjudged[kind]:
            print()
            print("%s (project, tag, package, rule, subject, module, first import, message):" % title)
            for u in unjudged[kind]:
                print("\t".join(u))
PY
