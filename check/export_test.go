package check

import "github.com/manifestpatch/manifestpatch/manifest"

// What the tests of package check_test reach that callers do not.
var (
	Lint     = lint
	CloseURI = closeURI
)

type LintOptions = lintOptions

const MaxFindingsPerRule = maxFindingsPerRule

// SetupFinding is the finding Plan reports for the change c of a member.
func SetupFinding(c manifest.Change) (code, msg string) {
	r := setupRule(c.Path)
	return r.Code, r.word(&Result{}, Want{}, c)
}
