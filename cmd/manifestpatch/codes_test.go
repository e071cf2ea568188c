package main

import (
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
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
