package manifest_test

import (
	"bytes"
	"encoding/json"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/manifestpatch/manifestpatch/internal/synth"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// The large benchmarks run Apply and Read over synthetic 1 MB and 10 MB
// manifests, to show that the cost grows with the input linearly and that
// the bytes around requiredResourceAccess are cheap to pass over. Each
// manifest is generated in memory by internal/synth when a benchmark first
// asks for it, from a fixed seed, so every run measures the same bytes:
// about half of them before requiredResourceAccess (appRoles, a long
// description, keyCredentials with base64 certificates) and half after it
// (notes, passwordCredentials, replyUrlsWithType, oauth2Permissions).
//
// The sub-benchmarks named stdlib, valid and copy are baselines measured on
// the same bytes in the same run: the encoding/json round trip that
// BenchmarkApply/stdlib also measures, json.Valid (the standard library's
// fastest complete validation) and bytes.Clone (the memory bandwidth floor).

// largeSizes are the sizes of the synthetic manifests.
var largeSizes = []struct {
	name string
	size int
}{
	{"1MB", 1 << 20},
	{"10MB", 10 << 20},
}

var (
	largeMu    sync.Mutex
	largeCache = map[int][]byte{}
)

// largeInput returns the synthetic manifest of about size bytes, generating
// it on first use.
func largeInput(b testing.TB, size int) []byte {
	b.Helper()
	largeMu.Lock()
	defer largeMu.Unlock()
	if src, ok := largeCache[size]; ok {
		return src
	}
	src := synth.Manifest(size)
	if !json.Valid(src) {
		b.Fatalf("the synthetic %d-byte manifest is not valid JSON", size)
	}
	largeCache[size] = src
	return src
}

func BenchmarkApplyLarge(b *testing.B) {
	want := calendarSet
	for _, sz := range largeSizes {
		src := largeInput(b, sz.size)
		done, rep, err := manifest.Apply(src, want, manifest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if !rep.Changed || len(rep.Added) == 0 {
			b.Fatalf("%s: merge added nothing; the synthetic manifest should lack part of the set", sz.name)
		}
		for _, bc := range []struct {
			name string
			src  []byte
			mode manifest.Mode
		}{
			{"merge", src, manifest.Merge},
			{"overwrite", src, manifest.Overwrite},
			{"noop", done, manifest.Merge},
		} {
			b.Run(sz.name+"/"+bc.name, func(b *testing.B) {
				b.SetBytes(int64(len(bc.src)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, _, err := manifest.Apply(bc.src, want, manifest.Options{Mode: bc.mode}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(sz.name+"/stdlib", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := stdlibMerge(src, want); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadLarge(b *testing.B) {
	for _, sz := range largeSizes {
		src := largeInput(b, sz.size)
		b.Run(sz.name+"/read", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := manifest.Read(src); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(sz.name+"/valid", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if !json.Valid(src) {
					b.Fatal("not valid")
				}
			}
		})
		// utf8 is the least a reader of the whole input does: utf8.Valid
		// reads eight bytes at a step where they are ASCII, and checks
		// nothing of JSON. The 10 MB merge's target of 1 GB/s is measured
		// against it.
		b.Run(sz.name+"/utf8", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for i := 0; i < b.N; i++ {
				if !utf8.Valid(src) {
					b.Fatal("not UTF-8")
				}
			}
		})
		b.Run(sz.name+"/copy", func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if len(bytes.Clone(src)) != len(src) {
					b.Fatal("short copy")
				}
			}
		})
	}
}

// TestLargeManifest checks that the synthetic input is what the benchmarks
// say it is: requiredResourceAccess in the middle, part of the default set
// to add, and patched with the package's promises kept.
func TestLargeManifest(t *testing.T) {
	src := synth.Manifest(256 << 10)
	start, end, _, err := manifest.EditRegion(src)
	if err != nil {
		t.Fatal(err)
	}
	if start < len(src)/3 || len(src)-end < len(src)/3 {
		t.Errorf("requiredResourceAccess is at [%d, %d) of %d bytes; want large parts before and after it", start, end, len(src))
	}
	want := calendarSet
	for _, mode := range []manifest.Mode{manifest.Merge, manifest.Overwrite} {
		out, rep, err := manifest.Apply(src, want, manifest.Options{Mode: mode})
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		if !rep.Changed {
			t.Fatalf("%v: nothing changed", mode)
		}
		checkApply(t, src, out, want, mode)
	}
}
