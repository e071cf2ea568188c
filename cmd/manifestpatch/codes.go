package main

// The finding codes the command words specially. Each is a code of
// check.Rules(); TestCodesRegistered keeps them so.
const (
	codeFragment          = "fragment"
	codeMissing           = "missing"
	codeRedirectUnchecked = "redirect-uri-unchecked"
	codeCatalogConflict   = "catalog-conflict"
	codeUncovered         = "uncovered"
)

// showOnLine are the lints show words on each permission's line (or, for
// application permissions, on a line of their own), so it does not list
// them again.
var showOnLine = []string{"application-permission", "unknown-permission", "wrong-type", "disabled", "removed", "malformed-guid", "unknown-name"}
