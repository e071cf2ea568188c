package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffMinimal checks that apply -d shows the smallest line diff, as
// diff -u does: as many removed and added lines as the longest common
// subsequence of the lines leaves, counted here independently.
func TestDiffMinimal(t *testing.T) {
	samples, _ := filepath.Glob("../../testdata/*.json")
	t.Run("samples", func(t *testing.T) { diffMinimal(t, samples) })
	t.Run("corpus", func(t *testing.T) { diffMinimal(t, corpus(t)) })
}

func diffMinimal(t *testing.T, files []string) {
	for _, file := range files {
		for _, flags := range [][]string{nil, {"--resolve-names"}, {"--mode", "overwrite", "--scope", "graph/User.Read"}} {
			var diff, out bytes.Buffer
			args := append(append([]string{"apply", "-d"}, flags...), file)
			if code := run(args, strings.NewReader(""), &diff, &bytes.Buffer{}); code == exitError {
				continue // not a file apply takes with these flags
			}
			run(append(append([]string{"apply", "--stdout"}, flags...), file), strings.NewReader(""), &out, &bytes.Buffer{})
			src, _ := os.ReadFile(file)
			a, b := lines(string(src)), lines(out.String())
			common := lcs(a, b)
			removed, added := 0, 0
			for _, l := range strings.Split(diff.String(), "\n") {
				switch {
				case strings.HasPrefix(l, "--- ") || strings.HasPrefix(l, "+++ "):
				case strings.HasPrefix(l, "-"):
					removed++
				case strings.HasPrefix(l, "+"):
					added++
				}
			}
			if removed != len(a)-common || added != len(b)-common {
				t.Errorf("apply -d %v %s: -%d +%d lines; the smallest diff is -%d +%d", flags, filepath.Base(file), removed, added, len(a)-common, len(b)-common)
			}
			// Where diff(1) is installed, the hunks are its hunks: the same
			// places and sizes. Inside a hunk where more than one smallest
			// diff exists (a replaced line among added lines equal to its
			// neighbours), the lines may pair up otherwise than diff's.
			if gnu, err := exec.LookPath("diff"); err == nil {
				dir := t.TempDir()
				os.WriteFile(filepath.Join(dir, "old"), src, 0o644)
				os.WriteFile(filepath.Join(dir, "new"), out.Bytes(), 0o644)
				want, _ := exec.Command(gnu, "-u", filepath.Join(dir, "old"), filepath.Join(dir, "new")).Output()
				if got, want := hunkHeaders(diff.String()), hunkHeaders(string(want)); got != want {
					t.Errorf("apply -d %v %s differs from diff -u:\n%s\nwant:\n%s", flags, filepath.Base(file), got, want)
				}
			}
		}
	}
}

func lines(s string) []string { return strings.SplitAfter(s, "\n") }

// hunkHeaders returns the @@ lines of a unified diff.
func hunkHeaders(d string) string {
	var out []string
	for _, l := range strings.Split(d, "\n") {
		if strings.HasPrefix(l, "@@ ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
