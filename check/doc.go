// Package check makes one decision about an app registration manifest:
// given what is wanted of it (Want: a set of permissions, an audience,
// redirect URIs), Plan computes the edits that make it right and reports
// every finding about it, problems and lints alike.
//
// Applying is writing Result.Output; checking is asking Result.OK. The two
// cannot disagree, since they are the same call. The lints are values
// (Rules), each with its code, level and description; Options.Allow
// silences them by code. Compare reports how two manifests of the same app
// differ in what they ask for.
package check
