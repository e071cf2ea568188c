// Package wording holds the small English helpers the catalog, the checks,
// the profiles and the command share, so that a list, a plural or an
// article reads the same in every message.
package wording

import (
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// OrList joins s as English does: "a", "a or b", "a, b or c".
func OrList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// DidYouMean words suggestions for the end of a message: "; did you mean
// a or b?", or "" for none.
func DidYouMean(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "; did you mean " + OrList(names) + "?"
}

// Plural returns one when n is 1 and many otherwise.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// WithArticle puts "a" or "an" before a word, by its first letter.
func WithArticle(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

// Kind words a permission's type as Microsoft does: "delegated" for a
// Scope, "application" for a Role.
func Kind(t manifest.Type) string {
	if t == manifest.Role {
		return "application"
	}
	return "delegated"
}
