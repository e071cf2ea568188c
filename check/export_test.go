package check

import "github.com/manifestpatch/manifestpatch/manifest"

// What the tests of package check_test reach that callers do not.
var CloseURI = closeURI

// Lint lints m as Plan does, which passes the permissions Apply found
// listed more than once: unless opts gives them, they are found here as
// Apply finds them (the same resource, id and type once the catalog has
// mapped names to GUIDs, compared in lower case).
func Lint(m manifest.Manifest, opts LintOptions) []Finding {
	if opts.Duplicates == nil {
		seen := make(map[manifest.Permission]int)
		for _, r := range m.Resources {
			for _, a := range r.ResourceAccess {
				p := opts.Catalog.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type}).Fold()
				if seen[p]++; seen[p] == 2 {
					opts.Duplicates = append(opts.Duplicates, p)
				}
			}
		}
	}
	return lint(m, opts)
}

type LintOptions = lintOptions

const MaxFindingsPerRule = maxFindingsPerRule

// SetupFinding is the finding Plan reports for the change c of a member.
func SetupFinding(c manifest.Change) (code, msg string) {
	r := setupRule(c.Path)
	return r.Code, r.word(&Result{}, Want{}, c)
}
