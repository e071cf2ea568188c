package check

import (
	"net/url"
	"strings"
)

// closeURI says how have differs from want when it looks like a mistyped
// want ("" when it does not): the same host with another scheme, path,
// trailing slash or case, or the same path on another agency's host.
func closeURI(have, want string) string {
	h, err1 := url.Parse(strings.TrimSpace(have))
	w, err2 := url.Parse(want)
	if err1 != nil || err2 != nil {
		return ""
	}
	hp, wp := strings.TrimSuffix(h.Path, "/"), strings.TrimSuffix(w.Path, "/")
	sameHost := strings.EqualFold(h.Host, w.Host)
	samePath := strings.EqualFold(hp, wp)
	var why []string
	switch {
	case sameHost:
		if h.Scheme != w.Scheme {
			why = append(why, h.Scheme+" instead of "+w.Scheme)
		}
		if h.Host != w.Host {
			why = append(why, "host in another case")
		}
		switch {
		case !samePath:
			why = append(why, "another path")
		case hp != wp:
			why = append(why, "path in another case")
		case h.Path != w.Path:
			why = append(why, "a trailing slash")
		}
		if h.RawQuery != "" || h.Fragment != "" {
			why = append(why, "a query or fragment")
		}
	case samePath && strings.HasSuffix(strings.ToLower(h.Host), domainOf(w.Host)):
		why = append(why, "another agency's host "+h.Host)
	}
	if len(why) == 0 {
		return ""
	}
	return strings.Join(why, ", ")
}

// domainOf returns the host without its first label: ".sensehq.com".
func domainOf(host string) string {
	if i := strings.IndexByte(host, '.'); i >= 0 {
		return strings.ToLower(host[i:])
	}
	return host
}
