package main

import (
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
	"github.com/manifestpatch/manifestpatch/profile"
)

// TestCodesRegistered: every code the command words specially is a code
// the engine registers, so a renamed rule cannot leave its wording behind.
func TestCodesRegistered(t *testing.T) {
	known := make(map[string]bool)
	for _, r := range check.Rules() {
		known[r.Code] = true
	}
	codes := append([]string{codeFragment, codeMissing, codeRedirectUnchecked, codeCatalogConflict}, showOnLine...)
	for code := range hints {
		codes = append(codes, code)
	}
	for _, c := range codes {
		if !known[c] {
			t.Errorf("the command words %q, which check.Rules() does not list", c)
		}
	}
}

// TestStepHintsRegistered: every step the command adds a hint to is a step
// of a built-in profile.
func TestStepHintsRegistered(t *testing.T) {
	ids := make(map[string]bool)
	for _, p := range profile.All() {
		for _, st := range p.Steps {
			ids[st.ID] = true
		}
	}
	for id := range stepHints {
		if !ids[id] {
			t.Errorf("stepHints names %q, which no built-in profile has", id)
		}
	}
}

// TestSummaryWordsAnyMember: apply's summary words the change of a member
// it has no wording of its own for by its path and new value, so that a
// member check.Want sets is never left out of the summary.
func TestSummaryWordsAnyMember(t *testing.T) {
	res := &check.Result{Report: manifest.Report{Changes: []manifest.Change{
		{Path: manifest.PathRedirectURIs, Now: "https://a.example/auth"},
		{Path: "web.logoutUrl", Was: "https://old/", Now: "https://a.example/out"},
		{Path: "web.homePageUrl", Now: "https://a.example/"},
	}}}
	for dry, want := range map[bool]string{
		false: `added redirect URI https://a.example/auth; set web.logoutUrl to "https://a.example/out" (was "https://old/"); added "https://a.example/" to web.homePageUrl`,
		true:  `would add redirect URI https://a.example/auth; would set web.logoutUrl to "https://a.example/out" (was "https://old/"); would add "https://a.example/" to web.homePageUrl`,
	} {
		if got := summary(res, check.Want{}, permissions.Builtin(), dry); got != want {
			t.Errorf("summary(dry run %v) = %q; want %q", dry, got, want)
		}
	}
}
