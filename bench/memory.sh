#!/usr/bin/env bash
# Peak memory of manifestpatch on the worst case for memory, a manifest of
# tiny permissions (about 1.1 million in 64 MiB), against the size of the
# input and against cat of the same file, measured in this run the same
# way (one whole process each, getrusage's peak resident set size).
#
#   bench/memory.sh [MIB]     # the input's size in MiB; default 64, the largest taken
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/manifestpatch" ./cmd/manifestpatch
# The benchmark programs are a module of their own, in bench/.
go -C bench build -o "$tmp/peakrss" ./peakrss
go -C bench build -o "$tmp/genmanifest" ./genmanifest
"$tmp/genmanifest" -many "${mib}M" "$tmp/many.json"
# The same size in the synthetic portal download's shape, which is at
# least the size asked for: under the limit.
"$tmp/genmanifest" "$((mib * 15 / 16))M" "$tmp/large.json"
bytes=$(wc -c <"$tmp/many.json")
awk -v b="$bytes" 'BEGIN { printf "input: %d bytes (%.1f MiB)\n", b, b / 1048576 }'
measure() { # label, command...
	local label=$1
	shift
	local out
	out=$("$tmp/peakrss" "$@" 2>&1 >/dev/null | tail -1) || true
	local mib=${out%% MiB*}
	awk -v l="$label" -v m="$mib" -v b="$bytes" -v t="${out#* MiB }" \
		'BEGIN { printf "%-44s %8.1f MiB %6.1f x input  %s\n", l, m, m * 1048576 / b, t }'
}
measure "cat (baseline)" cat "$tmp/many.json"
measure "check, many permissions" "$tmp/manifestpatch" check "$tmp/many.json"
measure "apply --stdout, many permissions" "$tmp/manifestpatch" apply --stdout "$tmp/many.json"
measure "check, synthetic portal download" "$tmp/manifestpatch" check "$tmp/large.json"
measure "apply --stdout, synthetic portal download" "$tmp/manifestpatch" apply --stdout "$tmp/large.json"
