package permissions

import (
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// BenchmarkNames measures the catalog look-ups made per permission:
// Canonical (by GUID and by name), Describe, and Query.
func BenchmarkNames(b *testing.B) {
	byGUID := manifest.Permission{ResourceAppID: MicrosoftGraphID, ID: "12466101-C9B8-439A-8589-DD09EE67E8E9", Type: manifest.Scope}
	byName := manifest.Permission{ResourceAppID: "Microsoft Graph", ID: "Calendars.ReadWrite.Shared", Type: manifest.Scope}
	for _, bc := range []struct {
		name string
		fn   func() bool
	}{
		{"canonical/guid", func() bool { return builtin.Canonical(byGUID).ID == "12466101-c9b8-439a-8589-dd09ee67e8e9" }},
		{"canonical/name", func() bool { return builtin.Canonical(byName).ID == "12466101-c9b8-439a-8589-dd09ee67e8e9" }},
		{"name", func() bool { return builtin.Describe(byGUID).Name == "Calendars.ReadWrite.Shared" }},
		{"lookup/name", func() bool { return len(builtin.Query("Calendars.ReadWrite.Shared").Permissions) == 1 }},
		{"lookup/resource-name", func() bool { return len(builtin.Query("graph/User.Read").Permissions) == 1 }},
		{"lookup/guid", func() bool { return len(builtin.Query("12466101-c9b8-439a-8589-dd09ee67e8e9").Permissions) == 1 }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if !bc.fn() {
				b.Fatal("unexpected answer")
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				bc.fn()
			}
		})
	}
}
