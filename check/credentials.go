package check

import (
	"fmt"
	"time"

	"github.com/manifestpatch/manifestpatch/internal/retirement"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// expiringWithin is how far ahead a credential's end is noted.
const expiringWithin = 30 * 24 * time.Hour

// lintCredentials reports the client secrets and certificates in setup
// that have expired (a warning: whatever still uses one cannot sign in) or
// expire within 30 days of now (a note). It words them by display name and
// key id; a secret's value or hint is never read, so never printed. End
// dates that do not read as dates (template placeholders) are passed over.
func lintCredentials(r *lintRule, setup manifest.Setup, now time.Time) []Finding {
	var out []Finding
	for _, c := range setup.Credentials {
		end, ok := parseEnd(c.End)
		if !ok {
			continue
		}
		what := "client secret"
		if c.Kind == manifest.KeyCredential {
			what = "certificate"
		}
		switch {
		case c.DisplayName != "" && c.KeyID != "":
			what = fmt.Sprintf("%s %q (key id %s)", what, c.DisplayName, c.KeyID)
		case c.DisplayName != "":
			what = fmt.Sprintf("%s %q", what, c.DisplayName)
		case c.KeyID != "":
			what = fmt.Sprintf("%s with key id %s", what, c.KeyID)
		}
		renew := "create a new secret (the setup guide asks for a 24-month expiry) and give it to the vendor"
		if c.Kind == manifest.KeyCredential {
			renew = "upload a new certificate"
		}
		switch left := end.Sub(now); {
		case left <= 0:
			out = append(out, Finding{Code: r.Code, Level: LevelWarning, Pos: c.Pos,
				Msg: fmt.Sprintf("%s expired on %s (%s): whatever still uses it cannot sign in; %s, then delete this one", what, retirement.YMD(end), c.Path, renew)})
		case left <= expiringWithin:
			days := int(left.Hours() / 24)
			in := fmt.Sprintf("in %d days", days)
			if days == 0 {
				in = "within a day"
			} else if days == 1 {
				in = "in 1 day"
			}
			out = append(out, Finding{Code: r.Code, Level: LevelNote, Pos: c.Pos,
				Msg: fmt.Sprintf("%s expires on %s, %s (%s): %s before then", what, retirement.YMD(end), in, c.Path, renew)})
		}
	}
	return out
}

// parseEnd reads an end date as manifests write it: RFC 3339 with any
// number of fractional digits (2025-05-24T09:05:30.5481774Z), without a
// zone (taken as UTC), or a bare date.
func parseEnd(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
