package check

// What the tests of package check_test reach that callers do not.
var (
	Lint     = lint
	CloseURI = closeURI
)

type LintOptions = lintOptions

const MaxFindingsPerRule = maxFindingsPerRule
