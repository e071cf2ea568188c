package profile

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// AdminConsentURL returns the link an administrator opens to grant
// tenant-wide admin consent to the permissions of the app whose
// application (client) id is appID. tenant is a tenant GUID, a domain such
// as contoso.onmicrosoft.com, or "organizations" (the administrator's own
// tenant answers); "" means "organizations".
func AdminConsentURL(appID, tenant string) (string, error) {
	tenant = strings.TrimSpace(tenant)
	if tenant == "" {
		tenant = "organizations"
	}
	if !manifest.IsGUID(appID) {
		return "", fmt.Errorf("profile: app id %q is not a GUID", appID)
	}
	if err := CheckTenant(tenant); err != nil {
		return "", err
	}
	u := url.URL{
		Scheme:   "https",
		Host:     "login.microsoftonline.com",
		Path:     "/" + tenant + "/adminconsent",
		RawQuery: url.Values{"client_id": {strings.ToLower(appID)}}.Encode(),
	}
	return u.String(), nil
}

// CheckTenant checks that tenant can name a tenant in a sign-in URL: a
// tenant GUID, a domain such as contoso.onmicrosoft.com, "organizations"
// or "common".
func CheckTenant(tenant string) error {
	if !validTenant(tenant) {
		return fmt.Errorf("profile: tenant %q: want a tenant GUID, a domain such as contoso.onmicrosoft.com, or organizations", tenant)
	}
	return nil
}

// validTenant reports whether s can name a tenant in a sign-in URL.
func validTenant(s string) bool {
	switch {
	case manifest.IsGUID(s), s == "organizations", s == "common":
		return true
	case s == "" || len(s) > 253 || !strings.Contains(s, "."):
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}
