#!/bin/sh
# nix_oracle.sh TESTS_DIR - Nix itself as the syntax oracle of the fixtures.
#
# Every .nix file under TESTS_DIR/nix and TESTS_DIR/fixtures must parse
# with `nix-instantiate --parse` (which also rejects unbound names), and
# every file under TESTS_DIR/nix/bad must be rejected, so that the bad
# cases are really bad.  Skips (exit 77) only when nix-instantiate is not
# installed; Debian's nix-bin provides it.
set -u
tests=$1

if ! command -v nix-instantiate > /dev/null 2>&1; then
	echo "nix-oracle: SKIP: nix-instantiate not found (install nix-bin)"
	exit 77
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_CACHE_HOME="$scratch/cache" LC_ALL=C

parses() {
	nix-instantiate --store dummy:// --parse "$1" > /dev/null \
		2> "$scratch/err"
}

good=0
bad=0
status=0
find "$tests/nix" "$tests/fixtures" -name '*.nix' ! -path '*/bad/*' \
	| sort > "$scratch/good"
find "$tests/nix/bad" -name '*.nix' | sort > "$scratch/bad"
while IFS= read -r f; do
	if parses "$f"; then
		good=$((good + 1))
	else
		echo "nix-oracle: does not parse: ${f#"$tests"/}" >&2
		cat "$scratch/err" >&2
		status=1
	fi
done < "$scratch/good"
while IFS= read -r f; do
	if parses "$f"; then
		echo "nix-oracle: parses but is meant to be bad: ${f#"$tests"/}" >&2
		status=1
	else
		bad=$((bad + 1))
	fi
done < "$scratch/bad"
if [ "$good" = 0 ] || [ "$bad" = 0 ]; then
	echo "nix-oracle: no fixtures found under $tests" >&2
	status=1
fi
echo "nix-oracle: checked $good valid files (all parse) and $bad bad files (all rejected) with $(nix-instantiate --version)"
exit $status
