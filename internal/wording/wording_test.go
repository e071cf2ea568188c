package wording

import (
	"testing"

	"github.com/manifestpatch/manifestpatch/manifest"
)

func TestWording(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{OrList(nil), ""},
		{OrList([]string{"a"}), "a"},
		{AndList([]string{"a", "b"}), "a and b"},
		{AndList([]string{"a", "b", "c"}), "a, b and c"},
		{Number(6), "six"},
		{Number(12), "twelve"},
		{Number(13), "13"},
		{OrList([]string{"a", "b"}), "a or b"},
		{OrList([]string{"a", "b", "c"}), "a, b or c"},
		{DidYouMean(nil), ""},
		{DidYouMean([]string{"User.Read"}), "; did you mean User.Read?"},
		{Plural(1, "file", "files"), "file"},
		{Plural(0, "file", "files"), "files"},
		{WithArticle("application"), "an application"},
		{WithArticle("delegated"), "a delegated"},
		{WithArticle("Exchange"), "an Exchange"},
		{Kind(manifest.Role), "application"},
		{Kind(manifest.Scope), "delegated"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
