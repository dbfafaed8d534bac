#!/bin/sh
# mkmapdb_checks.sh MKMAPDB - the table's build refuses bad sources,
# naming file and line, and writes no table.
set -u
mkmapdb=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
tab=$(printf '\t')

# good sources, then one bad file at a time
good() {
	rm -rf "$dir/s" && mkdir -p "$dir/s"
	printf '# attrs\nfrob\nzap\n' >"$dir/s/nixpkgs-attrs.txt"
	printf 'frob%sfrob%s1%sthe usual one\nfrob%sfrob-ng%s2%sa fork\n' \
		"$tab" "$tab" "$tab" "$tab" "$tab" "$tab" >"$dir/s/curated.tsv"
	printf '# suites\nalpha%salpha%spython3-alpha\nbeta%sbeta%spython3-beta\n' \
		"$tab" "$tab" "$tab" "$tab" >"$dir/s/debian.tsv"
	printf 'frob-ng%szap%s1%snixpkgs renamed it\n' "$tab" "$tab" "$tab" \
		>"$dir/s/attrs.tsv"
}

# expect NAME WANT: mkmapdb fails with WANT on stderr and no table
expect() {
	rm -f "$dir/out.db"
	if "$mkmapdb" "$dir/out.db" "$dir"/s/* 2>"$dir/err"; then
		echo "FAIL $1: mkmapdb succeeded"
		fail=1
	elif ! grep -qF "$2" "$dir/err"; then
		echo "FAIL $1: want '$2', got: $(cat "$dir/err")"
		fail=1
	elif [ -e "$dir/out.db" ]; then
		echo "FAIL $1: a table was written"
		fail=1
	else
		echo "ok $1"
	fi
}

good
if "$mkmapdb" "$dir/out.db" "$dir"/s/* 2>"$dir/err" && [ -s "$dir/out.db" ]; then
	echo "ok good sources"
else
	echo "FAIL good sources: $(cat "$dir/err")"
	fail=1
fi

good
printf 'beta%sbeta%spython3-beta\nalpha%salpha%spython3-alpha\n' \
	"$tab" "$tab" "$tab" "$tab" >"$dir/s/debian.tsv"
expect unsorted "debian.tsv:2: error: not sorted"

good
printf 'frob%sfrob%s2%sa\nfrob%sfrob-ng%s1%sb\n' \
	"$tab" "$tab" "$tab" "$tab" "$tab" "$tab" >"$dir/s/curated.tsv"
expect "curated rank order" "curated.tsv:2: error: not sorted"

good
printf 'alpha%salpha%spython3-alpha\nalpha%salpha%spython3-alpha2\n' \
	"$tab" "$tab" "$tab" "$tab" >"$dir/s/debian.tsv"
expect "duplicate key" "debian.tsv:2: error: the key 'alpha alpha' comes twice"

good
printf 'frob%sfrob%s1%s\n' "$tab" "$tab" "$tab" >"$dir/s/curated.tsv"
expect "no reason" "curated.tsv:1: error: a curated row needs its reason"

good
printf 'frob-ng%snot-there%s1%sa rename\n' "$tab" "$tab" "$tab" \
	>"$dir/s/attrs.tsv"
expect "unknown attribute" "attrs.tsv:1: error: attribute 'not-there' is not in nixpkgs-attrs.txt"

good
printf 'frob%sfrob\n' "$tab" >"$dir/s/curated.tsv"
expect "fields" "curated.tsv:1: error: expected 4 tab-separated fields"

exit $fail
