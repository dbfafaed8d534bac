#!/bin/sh
# same_jobs.sh DEPAUDIT PATH... - depaudit imports and depaudit check print
# the same, stdout and stderr, with one thread as with several.  "stdlib"
# stands for this python3's standard library.
set -u
depaudit=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for path in "$@"; do
	[ "$path" = stdlib ] && path=$(python3 -c \
		'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
	for cmd in "imports --format jsonl" "check --format json --fail-on never"; do
		for j in 1 3; do
			# shellcheck disable=SC2086
			"$depaudit" $cmd -j $j "$path" > "$work/j$j" 2>&1
			echo "exit $?" >> "$work/j$j"
		done
		if ! cmp -s "$work/j1" "$work/j3"; then
			diff -u "$work/j1" "$work/j3" | head -20
			echo "$path: ${cmd%% *} -j 1 and -j 3 print differently" >&2
			status=1
			continue
		fi
		echo "$path: ${cmd%% *}: $(wc -l < "$work/j1") lines, the same with 1 and 3 threads"
	done
done
exit $status
