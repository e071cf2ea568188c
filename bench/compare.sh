#!/usr/bin/env bash
# compare.sh: whole-process timings of manifestpatch against the same work
# done with jq, with an encoding/json program and with cat, on the same
# files, in one run. Figures from one run are comparable with each other
# only: read the ratios, not the milliseconds.
#
# Usage: bench/compare.sh [options]
#
#   -r N         timed runs of each single-file command (default 40)
#   -R N         timed runs of each many-file command (default 10)
#   -L N         timed runs of each large-file command (default 5)
#   -n N         number of manifests `check` reads (default 1000)
#   --no-large   skip the synthetic 1 MB and 10 MB manifests
#   --loop       time with the bash loop even when hyperfine is installed
#   --install    install what is missing (jq, hyperfine) with apt-get first
#   -k, --keep   keep the work folder and print its path
#   -h, --help   print this help
#
# Needs go and jq. Uses hyperfine (with -N: no shell) when it is installed;
# otherwise a timing loop in bash with $EPOCHREALTIME or date +%s%N
# (warm-up runs, then the timed ones; medians reported). It installs
# nothing unless --install is given, and names any missing tool.
#
# What it measures, each as a whole process (standard output discarded):
#
#   5 KB file    manifest/testdata/bench/portal-5k.json, copied afresh before
#                every run:
#                  manifestpatch apply FILE (in place: temporary file, fsync,
#                    rename), and apply --stdout FILE;
#                  jq --tab --slurpfile want WANT -f bench/merge.jq FILE;
#                  jsonmerge FILE (bench/jsonmerge: encoding/json round trip,
#                    written in place);
#                  cat FILE, the floor;
#                  manifestpatch --version, an empty Go program,
#                    jq -n empty and true: start-up alone.
#   N files      N manifests (every other one already has the calendar-sync
#                set) passed to one invocation:
#                  manifestpatch check; jq -r -f bench/check.jq;
#                  jsonmerge -check; cat.
#   1 MB, 10 MB  the synthetic manifests of internal/synth (bench/genmanifest),
#                copied afresh before every run: check and apply --stdout,
#                their jq and jsonmerge equivalents, and cat.
#
# Before timing it checks that the three merges produce the same
# requiredResourceAccess and that the three checks report the same number
# of missing permissions. It then prints the medians, the ratios
# (tool/jq, tool/jsonmerge, tool/cat) and whether the targets are met:
# single-file apply at least 5x faster than jq, and check over the N files
# within 1.5x cat. Exit status: 0 when the measurements ran, whatever they
# show; 2 on a usage error, a missing tool or a failed sanity check.

set -euo pipefail

runs=40
many_runs=10
large_runs=5
nfiles=1000
large=1
force_loop=0
install=0
keep=0

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; }

while [ $# -gt 0 ]; do
	case $1 in
	-r) runs=${2:?-r needs a number}; shift ;;
	-R) many_runs=${2:?-R needs a number}; shift ;;
	-L) large_runs=${2:?-L needs a number}; shift ;;
	-n) nfiles=${2:?-n needs a number}; shift ;;
	--no-large) large=0 ;;
	--loop) force_loop=1 ;;
	--install) install=1 ;;
	-k | --keep) keep=1 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "compare.sh: unknown option $1 (see bench/compare.sh --help)" >&2; exit 2 ;;
	esac
	shift
done
for v in "$runs" "$many_runs" "$large_runs" "$nfiles"; do
	case $v in '' | *[!0-9]* | 0) echo "compare.sh: $v: want a positive number" >&2; exit 2 ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Tools.
if [ "$install" = 1 ]; then
	missing=()
	command -v jq >/dev/null || missing+=(jq)
	command -v hyperfine >/dev/null || missing+=(hyperfine)
	if [ ${#missing[@]} -gt 0 ]; then
		echo "compare.sh: installing ${missing[*]} with apt-get" >&2
		apt-get install -y "${missing[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${missing[@]}" >&2; }
	fi
fi
command -v go >/dev/null || { echo "compare.sh: go not found; install Go 1.25 or later" >&2; exit 2; }
command -v jq >/dev/null || {
	echo "compare.sh: jq not found; install it (apt-get install -y jq) or run bench/compare.sh --install" >&2
	exit 2
}
use_hyperfine=0
if [ "$force_loop" = 0 ]; then
	if command -v hyperfine >/dev/null; then
		use_hyperfine=1
	else
		echo "compare.sh: hyperfine not found; timing with a bash loop instead (apt-get install -y hyperfine, or --install)" >&2
	fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/manifestpatch-bench.XXXXXX")
cleanup() {
	if [ "$keep" = 1 ]; then
		echo "work folder kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

# Build once.
mkdir -p "$work/bin"
go build -o "$work/bin/manifestpatch" ./cmd/manifestpatch
# The benchmark programs are a module of their own, in bench/.
go -C bench build -o "$work/bin/jsonmerge" ./jsonmerge
go -C bench build -o "$work/bin/genmanifest" ./genmanifest
# An empty Go program: what starting any Go binary costs here.
mkdir -p "$work/empty"
printf 'package main\n\nfunc main() {}\n' >"$work/empty/main.go"
(cd "$work/empty" && go build -o "$work/bin/empty" main.go)
mp=$work/bin/manifestpatch
jm=$work/bin/jsonmerge

# Inputs.
src=$root/manifest/testdata/bench/portal-5k.json
"$mp" print --format array >"$work/want.json"
"$mp" apply --stdout "$src" >"$work/done.json" 2>/dev/null
mkdir -p "$work/many"
for ((i = 0; i < nfiles; i++)); do
	f=$(printf '%s/many/m%04d.json' "$work" "$i")
	if ((i % 2)); then cp "$work/done.json" "$f"; else cp "$src" "$f"; fi
done
sizes=()
if [ "$large" = 1 ]; then
	sizes=(1M 10M)
	for s in "${sizes[@]}"; do
		"$work/bin/genmanifest" "$s" "$work/large-$s.json"
	done
fi

# Sanity: the merges agree on requiredResourceAccess, and the checks on
# what is missing.
rra() { jq -S '.requiredResourceAccess' "$1"; }
cp "$src" "$work/s-mp.json"
"$mp" apply "$work/s-mp.json" 2>/dev/null
jq --tab --slurpfile want "$work/want.json" -f bench/merge.jq "$src" >"$work/s-jq.json"
cp "$src" "$work/s-jm.json"
"$jm" "$work/s-jm.json"
if ! cmp -s <(rra "$work/s-mp.json") <(rra "$work/s-jq.json") || ! cmp -s <(rra "$work/s-mp.json") <(rra "$work/s-jm.json"); then
	echo "compare.sh: the merges disagree on requiredResourceAccess; the comparison would be meaningless" >&2
	diff <(rra "$work/s-mp.json") <(rra "$work/s-jq.json") >&2 || true
	exit 2
fi
count_missing() { grep -c ': missing ' || true; }
# check and jsonmerge -check exit 1 when something is missing.
n_mp=$(cd "$work/many" && { "$mp" check m*.json 2>/dev/null || true; } | count_missing)
n_jq=$(cd "$work/many" && jq -r --slurpfile want "$work/want.json" -f "$root/bench/check.jq" m*.json | count_missing)
n_jm=$(cd "$work/many" && { "$jm" -check m*.json 2>/dev/null || true; } | count_missing)
if [ "$n_mp" != "$n_jq" ] || [ "$n_mp" != "$n_jm" ] || [ "$n_mp" = 0 ]; then
	echo "compare.sh: the checks disagree: manifestpatch reports $n_mp missing permissions, jq $n_jq, jsonmerge $n_jm" >&2
	exit 2
fi

# Timing. Each measurement is a group of commands with a shared prepare
# command run before every timed run; results land in MED and MIN (wall
# clock, ms) and, with hyperfine, CPU (user plus system time, mean, ms).
declare -A MED MIN CPU
order=()

# now_us sets the variable named $1 to the time in microseconds.
now_us() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		local t=${EPOCHREALTIME//[.,]/}
		printf -v "$1" '%s' "$t"
	else
		printf -v "$1" '%s' "$(($(date +%s%N) / 1000))"
	fi
}

# loop_time PREPARE CMD RUNS WARMUP prints "median min" in ms. The
# command is run by bash itself (fork and exec, as hyperfine -N does), its
# standard output and error discarded.
loop_time() {
	local prep=$1 cmd=$2 n=$3 warm=$4 i t0 t1 f=$work/times
	: >"$f"
	for ((i = 0; i < warm; i++)); do
		[ -z "$prep" ] || eval "$prep"
		eval "$cmd" >/dev/null 2>&1 || true
	done
	for ((i = 0; i < n; i++)); do
		[ -z "$prep" ] || eval "$prep"
		now_us t0
		eval "$cmd" >/dev/null 2>&1 || true
		now_us t1
		echo $((t1 - t0)) >>"$f"
	done
	sort -n "$f" | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f %.3f\n", m / 1000, a[1] / 1000 }'
}

# measure GROUP PREPARE RUNS WARMUP NAME CMD [NAME CMD]... times each
# command, a program and its arguments with no shell syntax but quotes,
# after running PREPARE (the same kind of command line) before every run.
# Each command's standard output goes to a pipe (hyperfine) or /dev/null
# (the loop) and is discarded.
measure() {
	local group=$1 prep=$2 n=$3 warm=$4
	shift 4
	local names=() cmds=()
	while [ $# -gt 0 ]; do
		names+=("$1")
		cmds+=("$2")
		shift 2
	done
	echo "timing: $group (${#names[@]} commands, $n runs each)" >&2
	if [ "$use_hyperfine" = 1 ]; then
		local args=(-N --style none --output pipe -i --warmup "$warm" --runs "$n" --export-json "$work/h.json")
		[ -z "$prep" ] || args+=(--prepare "$prep")
		local i
		for i in "${!names[@]}"; do
			args+=(-n "${names[$i]}" "${cmds[$i]}")
		done
		hyperfine "${args[@]}" >/dev/null
		while IFS=$'\t' read -r name med min cpu; do
			MED[$name]=$med
			MIN[$name]=$min
			CPU[$name]=$cpu
		done < <(jq -r '.results[] | [.command, .median * 1000, .min * 1000, (.user + .system) * 1000] | map(tostring) | @tsv' "$work/h.json")
	else
		local i
		for i in "${!names[@]}"; do
			read -r "MED[${names[$i]}]" "MIN[${names[$i]}]" < <(loop_time "$prep" "${cmds[$i]}" "$n" "$warm")
		done
	fi
	order+=("${names[@]}")
}

one=$work/one.json
want=$work/want.json
merge=$root/bench/merge.jq
check=$root/bench/check.jq
many_files=
for f in "$work"/many/m*.json; do many_files+=" '$f'"; done

measure "5 KB file" "cp '$src' '$one'" "$runs" 3 \
	"5k: manifestpatch apply" "'$mp' apply '$one'" \
	"5k: manifestpatch apply --stdout" "'$mp' apply --stdout '$one'" \
	"5k: jq merge.jq" "jq --tab --slurpfile want '$want' -f '$merge' '$one'" \
	"5k: jsonmerge" "'$jm' '$one'" \
	"5k: cat" "cat '$one'" \
	"5k: manifestpatch --version" "'$mp' --version" \
	"5k: empty Go program" "'$work/bin/empty'" \
	"5k: jq -n empty" "jq -n empty" \
	"5k: true" "'$(type -P true)'"

measure "$nfiles files" "" "$many_runs" 1 \
	"many: manifestpatch check" "'$mp' check$many_files" \
	"many: jq check.jq" "jq -r --slurpfile want '$want' -f '$check'$many_files" \
	"many: jsonmerge -check" "'$jm' -check$many_files" \
	"many: cat" "cat$many_files"

for s in "${sizes[@]}"; do
	f=$work/large-$s.json
	w=$work/work-$s.json
	measure "$s file" "cp '$f' '$w'" "$large_runs" 1 \
		"$s: manifestpatch check" "'$mp' check '$w'" \
		"$s: jq check.jq" "jq -r --slurpfile want '$want' -f '$check' '$w'" \
		"$s: jsonmerge -check" "'$jm' -check '$w'" \
		"$s: manifestpatch apply --stdout" "'$mp' apply --stdout '$w'" \
		"$s: jq merge.jq" "jq --tab --slurpfile want '$want' -f '$merge' '$w'" \
		"$s: jsonmerge" "'$jm' '$w'" \
		"$s: cat" "cat '$w'"
done

# Report.
ratio() {
	[ -n "$2" ] || { echo "-"; return; }
	awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
mbps() { awk -v bytes="$1" -v ms="${MED[$2]}" 'BEGIN { if (ms > 0) printf "%.0f", bytes / 1048576 / (ms / 1000); else print "n/a" }'; }
bytes_of() { wc -c <"$1" | tr -d ' '; }

echo
echo "manifestpatch whole-process comparison, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null) memory, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo "tools: $(go version | cut -d' ' -f3), $(jq --version), $([ "$use_hyperfine" = 1 ] && hyperfine --version || echo "bash loop")"
echo "inputs: 5 KB file $(bytes_of "$src") bytes; $nfiles files $(cat "$work"/many/m*.json | wc -c | tr -d ' ') bytes in all, $n_mp missing permissions among them"
echo
printf '%-40s %12s %12s %12s\n' "command" "median ms" "min ms" "cpu ms"
for name in "${order[@]}"; do
	printf '%-40s %12.2f %12.2f %12s\n' "$name" "${MED[$name]}" "${MIN[$name]}" "$(printf '%.2f' "${CPU[$name]:-0}" | sed 's/^0\.00$/-/')"
done
echo "(median and min: wall clock; cpu: user plus system time, mean, with hyperfine only)"

echo
printf '%-52s %9s %14s %9s\n' "ratio of medians (below 1: manifestpatch is faster)" "tool/jq" "tool/jsonmerge" "tool/cat"
# row LABEL TOOL JQ JSONMERGE CAT; an empty name prints "-".
row() { printf '%-52s %9s %14s %9s\n' "$1" "$(ratio "$2" "$3")" "$(ratio "$2" "$4")" "$(ratio "$2" "$5")"; }
row "5 KB apply (in place)" "5k: manifestpatch apply" "5k: jq merge.jq" "5k: jsonmerge" "5k: cat"
row "5 KB apply --stdout" "5k: manifestpatch apply --stdout" "5k: jq merge.jq" "5k: jsonmerge" "5k: cat"
row "start-up alone (--version vs jq -n empty)" "5k: manifestpatch --version" "5k: jq -n empty" "" "5k: cat"
row "empty Go program (the floor for any Go tool)" "5k: empty Go program" "5k: jq -n empty" "" "5k: cat"
row "true (the floor for any process)" "5k: true" "5k: jq -n empty" "" "5k: cat"
row "$nfiles files check" "many: manifestpatch check" "many: jq check.jq" "many: jsonmerge -check" "many: cat"
for s in "${sizes[@]}"; do
	row "$s check" "$s: manifestpatch check" "$s: jq check.jq" "$s: jsonmerge -check" "$s: cat"
	row "$s apply --stdout" "$s: manifestpatch apply --stdout" "$s: jq merge.jq" "$s: jsonmerge" "$s: cat"
done
if [ ${#sizes[@]} -gt 0 ]; then
	echo
	for s in "${sizes[@]}"; do
		n=$(bytes_of "$work/large-$s.json")
		echo "$s whole process: check $(mbps "$n" "$s: manifestpatch check") MB/s, apply --stdout $(mbps "$n" "$s: manifestpatch apply --stdout") MB/s, cat $(mbps "$n" "$s: cat") MB/s"
	done
fi

echo
verdict() { awk -v r="$1" -v limit="$2" 'BEGIN { print (r != "n/a" && r <= limit) ? "met" : "NOT met" }'; }
r=$(ratio "5k: manifestpatch apply" "5k: jq merge.jq")
echo "target: single-file apply at least 5x faster than jq: tool/jq = $r (want <= 0.20): $(verdict "$r" 0.20)"
r=$(ratio "many: manifestpatch check" "many: cat")
echo "target: check over $nfiles files within 1.5x cat: tool/cat = $r (want <= 1.50): $(verdict "$r" 1.50)"
