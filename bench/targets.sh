#!/usr/bin/env bash
# targets.sh: every speed and memory target of BENCHMARKS.md, each beside
# the baseline it is measured against, in one run, for this tree and
# (optionally) the command as built at another revision, the same way;
# prints one Markdown table. Figures from one run compare with each other
# only: these are the ratios to read.
#
# Usage: bench/targets.sh [-q] [BASE_REV]
#   -q         fewer runs (about a third of the time; noisier)
#   BASE_REV   also measure this revision: the "before" column
#
# The targets, and how each is measured (whole processes with hyperfine,
# Go benchmarks as test binaries run alternately, peak memory with
# bench/peakrss):
#   1. apply --stdout on the sample portal download (testdata/
#      portal-download.json) within 1.3x a Go hello-world built by the same
#      toolchain; both built as the release binaries are (.goreleaser.yaml).
#   2. check over 1,000 and 10,000 manifests of 1.5 to 2.4 KB (the sample,
#      and the same with the calendar-sync profile applied, alternating)
#      within 2x cat of the same files, both run through bash with the
#      same glob.
#   3. the 5 KB merge at least 10x faster than the encoding/json round trip
#      (BenchmarkApply/merge against BenchmarkApply/stdlib); the 10 MB merge
#      at least 1 GB/s (BenchmarkApplyLarge/10MB/merge, beside utf8.Valid and
#      a copy of the same bytes, BenchmarkReadLarge/10MB/utf8 and copy; the
#      before column's test binary has no utf8 case); peak memory of check and
#      apply --stdout a small multiple of the input: 64 MiB of tiny
#      permissions, and a synthetic portal download of 60 MiB, beside cat.
#
# Needs Go, git and hyperfine (apt-get install hyperfine). Takes about ten
# minutes (-q: four).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
if [ "${1:-}" = -q ]; then quick=1; shift; fi
base=${1:-}
command -v hyperfine >/dev/null || { echo "targets.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
runs() { if ((quick)); then echo "$2"; else echo "$1"; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
release=(-trimpath -tags=urfave_cli_no_docs "-ldflags=-s -w")

# Build: hello-world, this tree, and BASE_REV.
mkdir "$work/hello"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, world") }\n' >"$work/hello/main.go"
(cd "$work/hello" && GOFLAGS= GOWORK=off go mod init hello >/dev/null 2>&1 && GOFLAGS= GOWORK=off go build -trimpath -ldflags='-s -w' -o "$work/hello-world" .)
sides=(after)
go build "${release[@]}" -o "$work/after" ./cmd/manifestpatch
go test -c -o "$work/after-manifest.test" ./manifest
if [ -n "$base" ]; then
	git worktree add -q --detach "$work/base-tree" "$base"
	(cd "$work/base-tree" && go build "${release[@]}" -o "$work/before" ./cmd/manifestpatch &&
		go test -c -o "$work/before-manifest.test" ./manifest)
	git worktree remove --force "$work/base-tree"
	sides=(before after)
fi
go -C bench build -o "$work/peakrss" ./peakrss
go -C bench build -o "$work/genmanifest" ./genmanifest

# mean FILE.csv: the mean of the first command of a hyperfine CSV export, in ms.
mean() { awk -F, 'NR == 2 { printf "%.2f", $2 * 1000 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { print ((dir == "<=" && v <= t) || (dir == ">=" && v >= t)) ? "yes" : "no" }'; }
rows=()
row() { rows+=("$1"); }
joined() { local IFS='|'; echo "$*" | sed 's/|/ | /g'; }

# timed ROUNDS RUNS SHELL DIR LABEL CMD [LABEL CMD...]: times the commands
# with hyperfine in turn, RUNS runs each, ROUNDS times over, so that the
# machine's drift falls on all of them alike, and sets med[LABEL] to the
# median of each command's means, in ms. SHELL is -N (no shell) or
# --shell=bash; the commands run in DIR.
declare -A med
timed() {
	local rounds=$1 runs=$2 shell=$3 dir=$4
	shift 4
	local labels=() cmds=() r i l
	while [ $# -gt 0 ]; do labels+=("$1") cmds+=("$2") && shift 2; done
	: >"$work/timed.txt"
	for ((r = 0; r < rounds; r++)); do
		for i in "${!cmds[@]}"; do
			(cd "$dir" && hyperfine "$shell" -i -w 3 -r "$runs" --export-csv "$work/one.csv" "${cmds[$i]}" >/dev/null 2>&1)
			echo "${labels[$i]} $(mean "$work/one.csv")" >>"$work/timed.txt"
		done
	done
	for l in "${labels[@]}"; do
		med[$l]=$(awk -v l="$l" '$1 == l { print $2 }' "$work/timed.txt" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	done
}

# against BASELINE LABEL...: sets cells to one cell per label, "N ms, Rx"
# against the baseline's time, joined for a table row ("" an empty cell),
# and last to the last ratio.
against() {
	local base=${med[$1]} l
	shift
	cells=""
	for l in "$@"; do
		if [ -n "$l" ]; then
			last=$(ratio "${med[$l]}" "$base")
			cells+="${med[$l]} ms, ${last}x"
		fi
		cells+=" | "
	done
	cells=${cells% | }
}

echo "$(go version); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); base ${base:-none}" >&2

# 1. Start-up.
echo "start-up..." >&2
cp testdata/portal-download.json "$work/m.json"
args=(hello "$work/hello-world")
for s in "${sides[@]}"; do args+=("$s" "$work/$s apply --stdout $work/m.json"); done
timed "$(runs 10 4)" 40 -N "$work" "${args[@]}" version "$work/after --version"
against hello "${sides[@]}"
row "| apply --stdout on the sample (1.5 KB) within 1.3x a Go hello-world, whole process | hello-world ${med[hello]} ms | $cells | $(met "$last" 1.3 "<=") |"
if [ -n "$base" ]; then against hello "" version; else against hello version; fi
row "| manifestpatch --version, the command's own floor | hello-world ${med[hello]} ms | $cells | |"

# 2. check over many files.
"$work/after" apply --stdout testdata/portal-download.json >"$work/done.json" 2>/dev/null
for n in 1000 10000; do
	echo "check over $n files..." >&2
	mkdir "$work/many$n"
	for ((i = 0; i < n; i++)); do
		f=$(printf '%s/many%d/m%05d.json' "$work" "$n" "$i")
		if ((i % 2)); then cp "$work/done.json" "$f"; else cp testdata/portal-download.json "$f"; fi
	done
	args=(cat "cat m*.json")
	for s in "${sides[@]}"; do args+=("$s" "'$work/$s' check m*.json"); done
	if ((n == 1000)); then timed "$(runs 8 3)" 10 --shell=bash "$work/many$n" "${args[@]}"; else timed "$(runs 4 2)" 3 --shell=bash "$work/many$n" "${args[@]}"; fi
	against cat "${sides[@]}"
	row "| check over $(printf "%'d" "$n") manifests of 1.5 to 2.4 KB within 2x cat of the same files | cat ${med[cat]} ms | $cells | $(met "$last" 2 "<=") |"
	rm -rf "$work/many$n"
done

# 3. Edits, in process: the test binaries alternate, and each figure is the
# median of its runs.
echo "edits..." >&2
count=$(runs 8 3)
for ((k = 0; k < count; k++)); do
	for s in "${sides[@]}"; do
		for pattern in '^BenchmarkApply$/^(merge|stdlib)$' '^Benchmark(ApplyLarge|ReadLarge)$/^10MB$/^(merge|stdlib|copy|utf8)$'; do
			(cd manifest && "$work/$s-manifest.test" -test.run XXX -test.bench "$pattern" -test.benchtime "$(runs 0.3s 0.2s)" |
				grep '^Benchmark' >>"$work/bench-$s.txt")
		done
	done
done
# median SIDE NAME FIELD: the median of a benchmark's ns/op (FIELD 3) or MB/s (FIELD 5).
# A benchmark the binary lacks gives "-".
median() {
	{ grep "^Benchmark$2-" "$work/bench-$1.txt" || true; } | awk -v f="$3" '{print $f}' | sort -g |
		awk '{a[NR] = $1} END {print NR ? a[int((NR + 1) / 2)] : "-"}'
}
parts=()
parts10=()
for s in "${sides[@]}"; do
	merge=$(median "$s" Apply/merge 3)
	stdlib=$(median "$s" Apply/stdlib 3)
	last5=$(ratio "$stdlib" "$merge")
	parts+=("$(awk -v m="$merge" 'BEGIN { printf "%.1f", m / 1000 }') µs, ${last5}x (encoding/json $(awk -v m="$stdlib" 'BEGIN { printf "%.0f", m / 1000 }') µs)")
	mbs=$(median "$s" ApplyLarge/10MB/merge 5)
	copy=$(median "$s" ReadLarge/10MB/copy 5)
	last10=$mbs
	parts10+=("$mbs MB/s (utf8.Valid $(median "$s" ReadLarge/10MB/utf8 5), copy $copy, encoding/json $(median "$s" ApplyLarge/10MB/stdlib 5) MB/s)")
done
row "| 5 KB merge at least 10x the encoding/json round trip | \`BenchmarkApply/stdlib\`, same binary | $(joined "${parts[@]}") | $(met "$last5" 10 ">=") |"
row "| 10 MB merge at least 1 GB/s | utf8.Valid and a copy of the same 10 MB (\`BenchmarkReadLarge/10MB/utf8\`, \`copy\`) | $(joined "${parts10[@]}") | $(met "$last10" 1000 ">=") |"

# Memory: peak resident size over the input's size.
echo "memory..." >&2
"$work/genmanifest" -many 64M "$work/tiny.json"
"$work/genmanifest" 60M "$work/portal.json"
# peak CMD...: the command's peak resident size in MiB; check exits 1 here.
peak() {
	local out
	out=$("$work/peakrss" "$@" 2>&1 >/dev/null) || true
	echo "$out" | tail -1 | awk '{print $1}'
}
for input in tiny portal; do
	bytes=$(wc -c <"$work/$input.json")
	cat=$(peak cat "$work/$input.json")
	for cmd in check "apply --stdout"; do
		parts=()
		for s in "${sides[@]}"; do
			# shellcheck disable=SC2086 # cmd is two words for apply
			mib=$(peak "$work/$s" $cmd "$work/$input.json")
			x=$(awk -v m="$mib" -v b="$bytes" 'BEGIN { printf "%.1f", m * 1048576 / b }')
			parts+=("$mib MiB, ${x}x")
			last=$x
		done
		what=$([ $input = tiny ] && echo "64 MiB of 1.1 million tiny permissions" || echo "a 60 MiB synthetic portal download")
		row "| memory of $cmd a small multiple of the input: $what | cat $cat MiB | $(joined "${parts[@]}") | $(met "$last" 4 "<=") (4x) |"
	done
done

if [ -n "$base" ]; then
	echo "| target | baseline (same run) | before ($base) | after | met? |"
	echo "|---|---|---|---|---|"
else
	echo "| target | baseline (same run) | this tree | met? |"
	echo "|---|---|---|---|"
fi
printf '%s\n' "${rows[@]}"
