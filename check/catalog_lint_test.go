package check

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

const graph = permissions.MicrosoftGraphID

// TestUnknownGUIDFinding: a GUID the catalog does not know is not called a
// typo: the finding names the catalog's date and points to --catalog, and
// it is a note where the catalog's list of the resource is partial.
func TestUnknownGUIDFinding(t *testing.T) {
	const unknown = "00000000-1111-2222-3333-444444444444"
	type finding struct {
		Code  string
		Level Level
		Msg   string
	}
	tests := []struct {
		name string
		app  string
		want []finding
	}{
		{"complete list", graph, []finding{{lintUnknownPermission, LevelWarning,
			"Microsoft Graph has no delegated permission with id " + unknown + " in the catalog of 2026-08-19: a mistyped GUID, or a permission newer than the catalog (refresh it from your tenant with --catalog)"}}},
		{"partial list", "00000003-0000-0ff1-ce00-000000000000", []finding{{lintUnknownPermission, LevelNote,
			"Office 365 SharePoint Online has no delegated permission with id " + unknown + " in the catalog of 2026-08-20: a mistyped GUID, or a permission newer than the catalog (refresh it from your tenant with --catalog)"}}},
		{"no list", "0000000a-0000-0000-c000-000000000000", nil},
		{"unknown resource", "11111111-2222-3333-4444-555555555555", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := manifest.Manifest{Resources: manifest.Set{{ResourceAppID: tt.app, ResourceAccess: []manifest.Access{{ID: unknown, Type: manifest.Scope}}}}}
			var got []finding
			for _, f := range lint(m, lintOptions{}) {
				got = append(got, finding{f.Code, f.Level, f.Msg})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lint mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
