// Package wording holds the small English helpers the catalog, the checks,
// the profiles and the command share, so that a list, a plural or an
// article reads the same in every message.
package wording

import (
	"strconv"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// OrList joins s as English does: "a", "a or b", "a, b or c".
func OrList(s []string) string { return join(s, " or ") }

// AndList joins s as English does: "a", "a and b", "a, b and c".
func AndList(s []string) string { return join(s, " and ") }

func join(s []string, last string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + last + s[len(s)-1]
}

// Number words n from one to twelve ("nine"), and larger numbers in
// digits.
func Number(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
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
