package check

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// Rule is one kind of finding: its code, the level its findings usually
// have, and what it reports. Rules lists them all; each finding Plan
// reports carries the code of one.
type Rule struct {
	Code string
	// Level is the level findings of this kind usually have; some rules
	// report a note where the catalog cannot be sure, or an error where
	// the mode makes apply fix what is otherwise a lint.
	Level Level
	About string
}

// Level says how much a finding weighs. Levels are ordered by severity:
// LevelNote < LevelWarning < LevelError.
type Level int

const (
	// LevelNote is information that never fails a check.
	LevelNote Level = iota + 1
	// LevelWarning is a lint: reported, and fails a check only when it is
	// strict.
	LevelWarning
	// LevelError is a problem that fails a check: something Apply would
	// change.
	LevelError
)

func (l Level) String() string {
	switch l {
	case LevelNote:
		return "note"
	case LevelWarning:
		return "warning"
	case LevelError:
		return "error"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// Fails reports whether a finding of level l fails a check: a problem
// always, a lint when the check is strict, a note never. The one place
// that decides it, for Result.OK, the text and JSON levels and SARIF's.
func (l Level) Fails(strict bool) bool {
	return l == LevelError || strict && l == LevelWarning
}

// Finding is one finding about a manifest.
type Finding struct {
	Code  string
	Level Level
	// Pos is where the value the finding is about starts: the permission's
	// id, or the entry's resourceAppId for findings about an entry or a
	// limit passed; zero for findings about the whole manifest.
	Pos manifest.Position
	// Permission is the permission the finding is about, in canonical form;
	// zero for findings about a resource or the whole list.
	Permission manifest.Permission
	Msg        string
}

// Codes of the problems Plan reports: each is something the edits change,
// so a manifest has none of them exactly when applying changes nothing.
// duplicate and empty-access, which Microsoft Graph rejects, are problems
// too, and so are repeated-resource in overwrite mode, which merges the
// entries, and not-wanted, which only overwrite mode reports.
const (
	codeMissing     = "missing"
	codeAudience    = "sign-in-audience"
	codeRedirectURI = "redirect-uri"
	codeNames       = "names"
	codeNotWanted   = "not-wanted"
)

// codeCatalogConflict is the code of a Conflict: a place where a
// --catalog export contradicts what the catalog knows. It is a finding
// about the export, not about a manifest.
const codeCatalogConflict = "catalog-conflict"

// Codes of the notes Plan reports, which never fail a check.
const (
	codeRedirectNearMiss  = "redirect-uri-mismatch"
	codeRedirectUnchecked = "redirect-uri-unchecked"
	codeFragment          = "fragment"
	codeAudienceFlag      = "audience-flag"
)

var problemRules = []Rule{
	{codeMissing, LevelError, "a wanted permission the manifest lacks"},
	// then setupRules
	{codeNotWanted, LevelError, "in overwrite mode, a permission beyond the wanted set, which apply removes"},
	{codeNames, LevelError, "with name resolution, a resource or permission given by name"},
}

// A memberRule is the problem of a member outside requiredResourceAccess
// that Apply sets (manifest.Settings): a Change of the member at path is
// a finding of the rule, worded by word.
type memberRule struct {
	path string
	Rule
	word func(res *Result, want Want, c manifest.Change) string
}

// setupRules has one row for each member manifest.Settings sets
// (TestSetupRulesCoverSettings): its rule, and its wording where it has
// one of its own; changed words the others.
var setupRules = []memberRule{
	{manifest.PathSignInAudience, Rule{codeAudience, LevelError, "a sign-in audience that does not admit every kind of account the wanted one does; apply widens it, never dropping a kind the manifest admits"}, audience},
	{manifest.PathRedirectURIs, Rule{codeRedirectURI, LevelError, "a wanted Web redirect URI the manifest lacks"}, func(_ *Result, _ Want, c manifest.Change) string {
		return "missing Web redirect URI " + c.Now
	}},
}

// setupRule returns the row of the member at path. A member given no row
// would be reported under its path as its code, which Rules does not list;
// TestSetupRulesCoverSettings refuses such a member.
func setupRule(path string) memberRule {
	r := memberRule{path: path, Rule: Rule{Code: path, Level: LevelError}}
	if i := slices.IndexFunc(setupRules, func(r memberRule) bool { return r.path == path }); i >= 0 {
		r = setupRules[i]
	}
	if r.word == nil {
		r.word = changed
	}
	return r
}

// changed words the change of a member by its path and values: a value
// added, to a list or where there was none, or a value replaced.
func changed(_ *Result, _ Want, c manifest.Change) string {
	if c.Was == "" {
		return fmt.Sprintf("%s lacks %q; apply adds it", c.Path, c.Now)
	}
	return fmt.Sprintf("%s is %q; want %q, which apply sets", c.Path, c.Was, c.Now)
}

// codeUncovered is the code of a manifest that no glob of a repository's
// policy covers (profile.Policy.Covers): a finding of the program that
// walks the repository, not of Plan.
const codeUncovered = "uncovered"

var policyRules = []Rule{
	{codeUncovered, LevelWarning, "a manifest in the repository that no glob of its policy covers: nothing says what it may hold"},
}

var exportRules = []Rule{
	{codeCatalogConflict, LevelWarning, "a place where a --catalog export contradicts the catalog (a name given another id, an id given another name or type, an application named as another); the catalog keeps its entry"},
}

var noteRules = []Rule{
	{codeRedirectNearMiss, LevelNote, "a redirect URI close to the wanted one but different (scheme, case, path, trailing slash, another agency's host): sign-in with it fails"},
	{codeRedirectUnchecked, LevelNote, "the profile's redirect URI is not checked, for want of the agency's name"},
	{codeFragment, LevelNote, "a file holding only requiredResourceAccess, where a redirect URI is wanted: its audience and redirect URI are not checked"},
	{codeAudienceFlag, LevelNote, "a legacy manifest whose availableToOtherTenants disagrees with its signInAudience, which decides"},
}

// Rules lists every kind of finding Plan reports: the problems,
// then the lints, then the notes; and catalog-conflict, of the exports a
// Catalog is refreshed from (Catalog.Conflicts), and uncovered, of a
// repository's policy, after the lints; and last the differences Compare
// reports.
func Rules() []Rule { return slices.Clone(allRules()) }

var allRules = sync.OnceValue(func() []Rule {
	out := slices.Clone(problemRules[:1])
	for _, r := range setupRules {
		out = append(out, r.Rule)
	}
	out = append(out, problemRules[1:]...)
	for _, r := range lintRules {
		out = append(out, r.Rule)
	}
	out = append(out, exportRules...)
	out = append(out, policyRules...)
	out = append(out, noteRules...)
	return append(out, compareRules...)
})

// allowCodes lists the codes Options.Allow takes, worked out once, on
// first use: every lint and note. Problems cannot be silenced: they are
// what applying fixes.
var allowCodes = sync.OnceValue(func() []string {
	var out []string
	for _, r := range allRules() {
		if r.Level != LevelError {
			out = append(out, r.Code)
		}
	}
	return out
})

// CheckAllow checks that every code is one Options.Allow can silence: a
// lint or a note of Rules. The error names the codes that can be, and says
// of a problem's code that it cannot be silenced.
func CheckAllow(codes []string) error {
	all := allowCodes()
	for _, c := range codes {
		if slices.Contains(all, c) {
			continue
		}
		why := "no such lint or note"
		if slices.ContainsFunc(allRules(), func(r Rule) bool { return r.Code == c }) {
			why = "a problem that apply fixes, which cannot be silenced"
		}
		return allowError{c, why + "; the codes are " + strings.Join(all, ", ")}
	}
	return nil
}

// allowError is CheckAllow's error.
type allowError struct{ code, why string }

func (e allowError) Error() string { return fmt.Sprintf("check: %q: %s", e.code, e.why) }
