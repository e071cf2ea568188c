package manifest_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// The benchmarks apply calendarSet to a realistic 5 KB legacy
// portal download. BenchmarkApply/stdlib does the same merge the way a
// script would with encoding/json (decode to a map, merge, MarshalIndent),
// so the ratio between the two shows in one run.

func benchInput(b *testing.B) []byte {
	src, err := os.ReadFile("testdata/bench/portal-5k.json")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkApply(b *testing.B) {
	src := benchInput(b)
	want := calendarSet
	done, _, err := manifest.Apply(src, want, manifest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	setup := setupOptions(b)
	for _, bc := range []struct {
		name string
		src  []byte
		opts manifest.Options
	}{
		{"merge", src, manifest.Options{}},
		{"overwrite", src, manifest.Options{Mode: manifest.Overwrite}},
		{"noop", done, manifest.Options{}},
		// setup also sets the audience and adds a redirect URI, as the
		// CLI's default profile does.
		{"setup", src, setup},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, _, err := manifest.Apply(bc.src, want, bc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("stdlib", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := stdlibMerge(src, want); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := manifest.Read(src); err != nil {
			b.Fatal(err)
		}
	}
}

// stdlibMerge is the baseline: the merge done with encoding/json. It loses
// the key order, the indentation and the final newline, which is why the
// package does not work this way.
func stdlibMerge(src []byte, want manifest.Set) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	list, _ := doc[manifest.RequiredResourceAccess].([]any)
	for _, r := range want {
		var entry map[string]any
		for _, e := range list {
			if m, ok := e.(map[string]any); ok && strings.EqualFold(m["resourceAppId"].(string), r.ResourceAppID) {
				entry = m
				break
			}
		}
		if entry == nil {
			entry = map[string]any{"resourceAppId": r.ResourceAppID, "resourceAccess": []any{}}
			list = append(list, entry)
		}
		access, _ := entry["resourceAccess"].([]any)
	next:
		for _, a := range r.ResourceAccess {
			for _, x := range access {
				if m, ok := x.(map[string]any); ok && strings.EqualFold(m["id"].(string), a.ID) && m["type"] == string(a.Type) {
					continue next
				}
			}
			access = append(access, map[string]any{"id": a.ID, "type": string(a.Type)})
		}
		entry["resourceAccess"] = access
	}
	doc[manifest.RequiredResourceAccess] = list
	return json.MarshalIndent(doc, "", "\t")
}
