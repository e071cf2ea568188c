#!/usr/bin/env bash
# startup.sh: whole-process time of `manifestpatch --version` and of
# `manifestpatch apply --stdout` on the sample portal download (1.5 KB),
# against a Go hello-world program built by the same toolchain in the same
# run (the process floor), and optionally against the command built at
# another revision, the same way. Needs Go, git and hyperfine.
#
# Usage: bench/startup.sh [-r RUNS] [BASE_REV]
#   -r RUNS    timed runs of each command (default 300)
#   BASE_REV   also time the command as built at this revision (a baseline)
#
# The command is built as the release binaries are (.goreleaser.yaml:
# -trimpath, -tags=urfave_cli_no_docs, -ldflags=-s -w) and, to show what
# the tag saves, without the tag.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=300
if [ "${1:-}" = -r ]; then runs=${2:?-r needs a number}; shift 2; fi
base=${1:-}
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
release=(-trimpath -tags=urfave_cli_no_docs -ldflags=-s\ -w)
mkdir "$work/hello"
cat >"$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
(cd "$work/hello" && GOFLAGS= GOWORK=off go mod init hello >/dev/null 2>&1 && GOFLAGS= GOWORK=off go build -trimpath -ldflags='-s -w' -o "$work/hello-world" .)
go build "${release[@]}" -o "$work/after" ./cmd/manifestpatch
go build -trimpath -ldflags='-s -w' -o "$work/after-docs" ./cmd/manifestpatch
cp testdata/portal-download.json "$work/m.json"
cmds=(-n hello-world "$work/hello-world"
	-n "manifestpatch --version" "$work/after --version"
	-n "apply --stdout" "$work/after apply --stdout $work/m.json"
	-n "apply --stdout, docs linked" "$work/after-docs apply --stdout $work/m.json")
if [ -n "$base" ]; then
	git worktree add -q --detach "$work/base-tree" "$base"
	(cd "$work/base-tree" && go build "${release[@]}" -o "$work/before" ./cmd/manifestpatch)
	git worktree remove --force "$work/base-tree"
	cmds+=(-n "apply --stdout ($base)" "$work/before apply --stdout $work/m.json")
fi
echo "$(go version); binary $(wc -c <"$work/after" | tr -d ' ') bytes, hello-world $(wc -c <"$work/hello-world" | tr -d ' '); load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
hyperfine -N -i -w 20 -r "$runs" --export-markdown "$work/table.md" "${cmds[@]}" >/dev/null 2>&1
cat "$work/table.md"
