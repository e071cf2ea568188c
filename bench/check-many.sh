#!/usr/bin/env bash
# check-many.sh: whole-process time of `manifestpatch check` over 1,000
# (or -n COUNT) manifests of about 2 KB in one invocation, against `cat` of the same files
# in the same run, and optionally against the command built at another
# revision, the same way. Needs Go, git and hyperfine.
#
# Usage: bench/check-many.sh [-r RUNS] [-n COUNT] [BASE_REV]
#   -r RUNS    timed runs of each command (default 40)
#   -n COUNT   how many manifests (default 1000)
#   BASE_REV   also time the command as built at this revision (a baseline)
#
# The files are the sample portal download testdata/portal-download.json
# (1.5 KB) as it is, and the same with the calendar-sync profile applied
# (2.4 KB), alternating: a repository where half the manifests are done.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=40
count=1000
while [ $# -gt 0 ]; do
	case $1 in
	-r) runs=${2:?-r needs a number}; shift 2 ;;
	-n) count=${2:?-n needs a number}; shift 2 ;;
	*) break ;;
	esac
done
base=${1:-}
command -v hyperfine >/dev/null || { echo "check-many.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/after" ./cmd/manifestpatch
cmds=(-n cat "cat m*.json" -n "check (this tree)" "'$work/after' check m*.json")
if [ -n "$base" ]; then
	git worktree add -q --detach "$work/base-tree" "$base"
	(cd "$work/base-tree" && go build -o "$work/before" ./cmd/manifestpatch)
	git worktree remove --force "$work/base-tree"
	cmds+=(-n "check ($base)" "'$work/before' check m*.json")
fi
mkdir "$work/many"
"$work/after" apply --stdout testdata/portal-download.json >"$work/done.json" 2>/dev/null
for ((i = 0; i < count; i++)); do
	f=$(printf '%s/many/m%05d.json' "$work" "$i")
	if ((i % 2)); then cp "$work/done.json" "$f"; else cp testdata/portal-download.json "$f"; fi
done
echo "$count files, $(cat "$work"/many/m*.json | wc -c | tr -d ' ') bytes in all; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
cd "$work/many"
hyperfine --shell=bash -i -w 5 -r "$runs" --export-markdown "$work/table.md" "${cmds[@]}" >/dev/null 2>&1
cat "$work/table.md"
