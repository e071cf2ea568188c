package check

import (
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// Codes of the differences Compare reports between a stored manifest and
// the live app's.
const (
	diffOnlyStored         = "only-stored"
	diffOnlyLive           = "only-live"
	diffAudience           = "audience-differs"
	diffRedirectOnlyStored = "redirect-uri-only-stored"
	diffRedirectOnlyLive   = "redirect-uri-only-live"
)

var compareRules = []Rule{
	{diffOnlyStored, LevelError, "with diff, a permission the stored manifest lists and the live app does not"},
	{diffOnlyLive, LevelError, "with diff, a permission the live app lists and the stored manifest does not"},
	{diffAudience, LevelError, "with diff, a sign-in audience that admits other kinds of account in the stored manifest than in the live app"},
	{diffRedirectOnlyStored, LevelError, "with diff, a Web redirect URI the stored manifest has and the live app does not"},
	{diffRedirectOnlyLive, LevelError, "with diff, a Web redirect URI the live app has and the stored manifest does not"},
}

// Compare reports how stored, a manifest kept in a repository, differs
// from live, the same app as it is (az ad app show, Graph output, a portal
// download): the permissions each lists and the other does not, compared
// by resource, id and type with names resolved through c; the sign-in
// audience, compared by the kinds of account it admits; and the Web
// redirect URIs each has. Order, repeats, names against GUIDs and the case
// of GUIDs and audiences are not differences. Findings are positioned in
// stored where the value is there, and are in the order: permissions only
// in stored, only in live, the audience, redirect URIs only in stored,
// only in live. A fragment (requiredResourceAccess alone, or a bare
// array) on either side is compared by its permissions only. None means
// the two agree.
func Compare(stored, live manifest.Manifest, c *permissions.Catalog) []Finding {
	var out []Finding
	sp, lp := comparable(c, stored), comparable(c, live)
	for _, p := range sp.order {
		if !lp.has[p.Fold()] {
			out = append(out, Finding{Code: diffOnlyStored, Level: LevelError, Pos: sp.pos[p.Fold()], Permission: p,
				Msg: fmt.Sprintf("%s is listed here but not in the live app", c.Describe(p))})
		}
	}
	for _, p := range lp.order {
		if !sp.has[p.Fold()] {
			out = append(out, Finding{Code: diffOnlyLive, Level: LevelError, Permission: p,
				Msg: fmt.Sprintf("the live app lists %s, which is not here", c.Describe(p))})
		}
	}
	if stored.Setup.Schema == manifest.SchemaFragment || live.Setup.Schema == manifest.SchemaFragment {
		// A file holding only requiredResourceAccess says nothing of the
		// audience or the redirect URIs: nothing to compare them with.
		return out
	}
	sa, la := stored.Setup.Audience(), live.Setup.Audience()
	if sk, lk := manifest.AudienceOf(sa), manifest.AudienceOf(la); sk != lk || sk == 0 && !strings.EqualFold(sa, la) {
		out = append(out, Finding{Code: diffAudience, Level: LevelError,
			Msg: fmt.Sprintf("the sign-in audience is %s here and %s in the live app", audienceWords(sa), audienceWords(la))})
	}
	liveURIs := make(map[string]bool)
	for _, u := range live.Setup.RedirectURIs {
		liveURIs[u.URI] = true
	}
	storedURIs := make(map[string]bool)
	for _, u := range stored.Setup.RedirectURIs {
		if !liveURIs[u.URI] && !storedURIs[u.URI] {
			out = append(out, Finding{Code: diffRedirectOnlyStored, Level: LevelError, Pos: u.Pos,
				Msg: fmt.Sprintf("%s: Web redirect URI %s is here but not in the live app", u.Path, u.URI)})
		}
		storedURIs[u.URI] = true
	}
	for _, u := range live.Setup.RedirectURIs {
		if !storedURIs[u.URI] {
			storedURIs[u.URI] = true // once
			out = append(out, Finding{Code: diffRedirectOnlyLive, Level: LevelError,
				Msg: fmt.Sprintf("the live app has Web redirect URI %s, which is not here", u.URI)})
		}
	}
	return out
}

// audienceWords words an audience value for a difference.
func audienceWords(v string) string {
	switch a := manifest.AudienceOf(v); {
	case v == "":
		return "not given"
	case a == 0:
		return fmt.Sprintf("%q", v)
	default:
		return fmt.Sprintf("%s (%s)", a.Audience(), a)
	}
}

// comparableSet is a manifest's permissions as Compare compares them.
type comparableSet struct {
	order []manifest.Permission                     // canonical, each once, in document order
	has   map[manifest.Permission]bool              // by Fold
	pos   map[manifest.Permission]manifest.Position // by Fold: where it is first listed
}

func comparable(c *permissions.Catalog, m manifest.Manifest) comparableSet {
	s := comparableSet{has: make(map[manifest.Permission]bool), pos: make(map[manifest.Permission]manifest.Position)}
	for i, r := range m.Resources {
		for j, a := range r.ResourceAccess {
			p := c.Canonical(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			k := p.Fold()
			if s.has[k] {
				continue
			}
			s.has[k] = true
			if i < len(m.Positions) && j < len(m.Positions[i].IDs) {
				s.pos[k] = m.Positions[i].IDs[j]
			}
			s.order = append(s.order, p)
		}
	}
	return s
}
