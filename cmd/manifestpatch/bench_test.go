package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/internal/synth"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/profile"
)

// The benchmarks run the command in process, through run, mostly on the
// 5 KB portal download the manifest package benchmarks use. BenchmarkCheck
// checks 1,000 such files in one invocation, as a pre-commit hook or CI job
// does; its readfiles sub-benchmark reads the same files and does nothing
// else, the floor to compare with in the same run. BenchmarkLarge uses the
// synthetic 1 MB and 10 MB manifests of internal/synth. bench/compare.sh
// measures the same as whole processes.

const benchSource = "../../manifest/testdata/bench/portal-5k.json"

// benchManifests writes n manifests to a temporary folder and returns their
// paths and total size: every other file is the 5 KB portal download as it
// is, which lacks eight of the nine calendar-sync permissions, and the rest are
// the same file with the permissions added, as in a repository where some
// manifests are done and some are not.
func benchManifests(b *testing.B, n int) ([]string, int64) {
	b.Helper()
	src, err := os.ReadFile(benchSource)
	if err != nil {
		b.Fatal(err)
	}
	done, _, err := manifest.Apply(src, profile.Default().Set(), manifest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	files := make([]string, n)
	var total int64
	for i := range files {
		data := src
		if i%2 == 1 {
			data = done
		}
		files[i] = filepath.Join(dir, fmt.Sprintf("m%04d.json", i))
		if err := os.WriteFile(files[i], data, 0o644); err != nil {
			b.Fatal(err)
		}
		total += int64(len(data))
	}
	return files, total
}

func BenchmarkCheck(b *testing.B) {
	files, total := benchManifests(b, 1000)
	for _, bc := range []struct {
		name  string
		flags []string
	}{
		{"text", nil},
		{"json", []string{"--format", "json"}},
	} {
		args := append(append([]string{"check"}, bc.flags...), files...)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(total)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitChanges {
					b.Fatalf("check exited %d; want %d (half of the files lack permissions)", code, exitChanges)
				}
			}
			b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
	b.Run("readfiles", func(b *testing.B) {
		b.SetBytes(total)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, f := range files {
				if _, err := os.ReadFile(f); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	})
}

// BenchmarkApplyFile runs `apply --stdout` on one file in process, and the
// library call alone on the same bytes: the difference is what the command
// adds around manifest.Apply (flags, the catalog, reading, the summary).
func BenchmarkApplyFile(b *testing.B) {
	files, _ := benchManifests(b, 1)
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	b.Run("run", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		args := []string{"apply", "--stdout", files[0]}
		for i := 0; i < b.N; i++ {
			if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
				b.Fatalf("apply exited %d", code)
			}
		}
	})
	b.Run("library", func(b *testing.B) {
		want, _ := profile.Default().Want("")
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := check.Plan(src, want, check.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLarge runs check and apply --stdout in process on the synthetic
// 1 MB and 10 MB manifests that manifest.BenchmarkApplyLarge uses, to show
// whether the commands, like the library, cost time in proportion to the
// input.
func BenchmarkLarge(b *testing.B) {
	for _, sz := range []struct {
		name string
		size int
	}{{"1MB", 1 << 20}, {"10MB", 10 << 20}} {
		src := synth.Manifest(sz.size)
		file := filepath.Join(b.TempDir(), "large.json")
		if err := os.WriteFile(file, src, 0o644); err != nil {
			b.Fatal(err)
		}
		for _, bc := range []struct {
			name string
			args []string
			code int
		}{
			{"check", []string{"check", file}, exitChanges},
			{"apply", []string{"apply", "--stdout", file}, exitOK},
		} {
			b.Run(sz.name+"/"+bc.name, func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if code := run(bc.args, strings.NewReader(""), io.Discard, io.Discard); code != bc.code {
						b.Fatalf("%s exited %d; want %d", bc.name, code, bc.code)
					}
				}
			})
		}
	}
}

// BenchmarkRunVersion is the cost of one invocation that does no work:
// building the command line app and printing the version.
func BenchmarkRunVersion(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if code := run([]string{"--version"}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("--version exited %d", code)
		}
	}
}
