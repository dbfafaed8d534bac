#!/bin/sh
# same_inputs.sh DEPAUDIT MKARCHIVE TREE... - depaudit inputs reads the
# same declared inputs, with the same diagnostics, from a tree, from a
# wheel of it (zip) and from an sdist of it (tar.gz, with a top directory),
# in the same order.
set -u
# meson passes the programs relative to the build directory
depaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkarchive=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for tree in "$@"; do
	(cd "$tree" && "$depaudit" inputs .) > "$work/out" 2> "$work/err"
	cat "$work/out" "$work/err" > "$work/tree"
	"$mkarchive" zip "$work/x-1.0-py3-none-any.whl" -d "$tree" || exit 1
	"$mkarchive" tar.gz "$work/x-1.0.tar.gz" -d "$tree" -p x-1.0/ || exit 1
	for a in x-1.0-py3-none-any.whl x-1.0.tar.gz; do
		(cd "$work" && "$depaudit" inputs "$a") > "$work/out" \
			2> "$work/err"
		sed -e "s|$a!x-1.0/||" -e "s|$a!||" "$work/out" "$work/err" \
			> "$work/archive"
		if ! diff -u "$work/tree" "$work/archive"; then
			echo "$tree: $a differs" >&2
			status=1
		fi
	done
	echo "$tree: $(wc -l < "$work/tree") lines, the same in a wheel and an sdist"
done
exit $status
