package permissions

import (
	"fmt"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// The catalog's tables and indexes are static data, so there is no index
// to build: the first lookup costs what every later one does. Target for
// each lookup: well under a microsecond, without allocating.

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := builtin.Lookup("00000003-0000-0000-C000-000000000000", "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", manifest.Scope); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookupValue(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := builtin.LookupValue("00000003-0000-0000-c000-000000000000", "calendars.readwrite.shared", manifest.Scope); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookupResource(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := builtin.LookupResource("Office 365 Exchange Online"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkFindValue(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if len(builtin.findValue("EWS.AccessAsUser.All")) != 2 {
			b.Fatal("not found")
		}
	}
}

// BenchmarkSuggest measures the error path: ranking every Microsoft Graph
// permission name. Target: about a millisecond.
func BenchmarkSuggest(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		builtin.suggest("00000003-0000-0000-c000-000000000000", "Calendar.Read", 3)
	}
}

// BenchmarkParseExportKeys reads an export whose service principal has n
// members besides its lists: the repeated-key check must stay linear (20k,
// 40k and 80k keys took 0.8, 4.2 and 18 s when it compared each key with
// every earlier one).
func BenchmarkParseExportKeys(b *testing.B) {
	for _, n := range []int{20000, 80000} {
		var buf strings.Builder
		buf.WriteString(`{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": [], `)
		for i := range n {
			fmt.Fprintf(&buf, `"k%d": %d, `, i, i)
		}
		buf.WriteString(`"end": 0}`)
		data := []byte(buf.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ParseExport(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
