#!/bin/sh
# run.sh CASE_DIR DEPAUDIT - run one golden case and diff what a user sees.
#
# A case directory holds `args` (one argument per line), its input (a
# `tree/` or other files the arguments name), and `expected.out`,
# `expected.err`, `expected.rc`.  The case is copied to a scratch
# directory, where an optional `setup` script makes what git cannot hold
# (unreadable files, huge lines, loops) or copies a fixture shared with
# other tests (it gets the case directory in CASE_DIR); depaudit runs
# there.  A case with a file `unprivileged` runs as nobody when the suite
# runs as root, so that file permissions apply.  UPDATE_GOLDEN=1 rewrites
# the expectations.
set -u
case_dir=$(cd "$1" && pwd)
depaudit=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
name=$(basename "$case_dir")

export LC_ALL=C NO_COLOR=1
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
cp -R "$case_dir/." "$work/"
cd "$work" || exit 1
# A developer's own user mapping table must not change what a case sees.
export XDG_DATA_HOME="$work/.local/share"
if [ -f setup ]; then
	# CASE_DIR lets a setup script copy a shared fixture from the tree
	CASE_DIR=$case_dir sh ./setup ||
		{ echo "$name: setup failed" >&2; exit 1; }
fi

set --
while IFS= read -r arg || [ -n "$arg" ]; do
	set -- "$@" "$arg"
done < args

run=
if [ -f unprivileged ] && [ "$(id -u)" = 0 ]; then
	run="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
# DEPAUDIT_WRAPPER (valgrind, say) is split on spaces on purpose.
# shellcheck disable=SC2086
$run ${DEPAUDIT_WRAPPER:-} "$depaudit" "$@" > actual.out 2> actual.err
echo $? > actual.rc

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	for f in out err rc; do
		cp "actual.$f" "$case_dir/expected.$f"
	done
	exit 0
fi
status=0
for f in out err rc; do
	if ! diff -u "$case_dir/expected.$f" "actual.$f"; then
		echo "$name: $f differs" >&2
		status=1
	fi
done
exit $status
