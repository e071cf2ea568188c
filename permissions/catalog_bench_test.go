package permissions

import (
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// The catalog's tables and indexes are static data, so there is no index
// to build: the first lookup costs what every later one does. Target for
// each lookup: well under a microsecond, without allocating.

func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := Lookup("00000003-0000-0000-C000-000000000000", "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", manifest.Scope); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookupValue(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := LookupValue("00000003-0000-0000-c000-000000000000", "calendars.readwrite.shared", manifest.Scope); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookupResource(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if _, ok := LookupResource("Office 365 Exchange Online"); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkFindValue(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		if len(FindValue("EWS.AccessAsUser.All")) != 2 {
			b.Fatal("not found")
		}
	}
}

// BenchmarkSuggest measures the error path: ranking every Microsoft Graph
// permission name. Target: about a millisecond.
func BenchmarkSuggest(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		Suggest("00000003-0000-0000-c000-000000000000", "Calendar.Read", 3)
	}
}
