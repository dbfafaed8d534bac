#!/bin/sh
# same_imports.sh DEPAUDIT MKARCHIVE TREE... - depaudit imports reads the
# same imports (file, line, kind, module, level, names, context) from a
# tree, from a wheel of it (zip) and from an sdist of it (tar.gz, with a
# top directory).
set -u
depaudit=$1
mkarchive=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for tree in "$@"; do
	"$depaudit" imports --format jsonl "$tree" > "$work/tree" 2>/dev/null
	"$mkarchive" zip "$work/x-1.0-py3-none-any.whl" -d "$tree" || exit 1
	"$mkarchive" tar.gz "$work/x-1.0.tar.gz" -d "$tree" -p x-1.0/ || exit 1
	for a in x-1.0-py3-none-any.whl x-1.0.tar.gz; do
		"$depaudit" imports --format jsonl "$work/$a" \
			> "$work/archive" 2>/dev/null
		if ! diff -u "$work/tree" "$work/archive"; then
			echo "$tree: $a differs" >&2
			status=1
		fi
	done
	echo "$tree: $(wc -l < "$work/tree") imports, the same in a wheel and an sdist"
done
exit $status
