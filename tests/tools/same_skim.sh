#!/bin/sh
# same_skim.sh DEPAUDIT PATH... - skimming the lines of a Python file that
# hold no import changes nothing: depaudit imports prints the same imports
# and the same diagnostics with it as with DEPAUDIT_TEST_NO_SKIM set, which
# lexes every line in full.  "stdlib" stands for this python3's standard
# library.
set -u
depaudit=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for path in "$@"; do
	[ "$path" = stdlib ] && path=$(python3 -c \
		'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
	"$depaudit" imports --format jsonl "$path" > "$work/out" 2> "$work/err"
	DEPAUDIT_TEST_NO_SKIM=1 "$depaudit" imports --format jsonl "$path" \
		> "$work/full-out" 2> "$work/full-err"
	if ! diff -u "$work/full-out" "$work/out" ||
	   ! diff -u "$work/full-err" "$work/err"; then
		echo "$path: skimming changes the output" >&2
		status=1
		continue
	fi
	echo "$path: $(wc -l < "$work/out") imports and" \
		"$(wc -l < "$work/err") diagnostics, the same when skimming"
done
exit $status
