package check

import (
	"reflect"
	"slices"
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// TestSetupRulesCoverSettings: every member manifest.Settings sets has a
// row of setupRules, so that its finding has a rule Rules lists. Each
// field of Settings is given a value a bare manifest lacks; every Change
// Apply then reports must name a member with a row.
func TestSetupRulesCoverSettings(t *testing.T) {
	const src = `{"displayName": "x", "signInAudience": "AzureADMyOrg", "requiredResourceAccess": []}`
	const value = "https://example.com/x"
	typ := reflect.TypeFor[manifest.Settings]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		var s manifest.Settings
		v := reflect.ValueOf(&s).Elem().Field(i)
		switch f.Type {
		case reflect.TypeFor[string]():
			v.SetString(value)
		case reflect.TypeFor[[]string]():
			v.Set(reflect.ValueOf([]string{value}))
		default:
			t.Fatalf("Settings.%s is a %v: give this test a value of that type", f.Name, f.Type)
		}
		_, rep, err := manifest.Apply([]byte(src), nil, manifest.Options{Settings: s})
		if err != nil {
			t.Fatalf("Settings.%s: %v", f.Name, err)
		}
		if len(rep.Changes) == 0 {
			t.Errorf("Settings.%s = %q changed nothing in %s: give this test a value it sets", f.Name, value, src)
		}
		for _, c := range rep.Changes {
			if !slices.ContainsFunc(setupRules, func(r memberRule) bool { return r.path == c.Path }) {
				t.Errorf("Settings.%s changes %s, which has no row in setupRules", f.Name, c.Path)
			}
		}
	}
}
