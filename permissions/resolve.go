package permissions

import (
	"errors"
	"fmt"
	"strings"

	"github.com/manifestpatch/manifestpatch/manifest"
)

// ErrUnknownName is wrapped by every *NameError, for errors.Is.
var ErrUnknownName = errors.New("permissions: unknown name")

// NameError reports a resource or permission name the catalog cannot
// resolve, with the closest names it knows.
type NameError struct {
	// Query is the name as given.
	Query string
	// Msg says what is wrong, without the suggestions.
	Msg string
	// Suggestions are the closest known names, closest first.
	Suggestions []string
	// OtherType is set when the name is a permission of the other type:
	// a delegated permission asked for as an application one, or the
	// reverse.
	OtherType bool
}

func (e *NameError) Error() string {
	msg := e.Msg
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + OrList(e.Suggestions) + "?"
	}
	return msg
}

func (e *NameError) Unwrap() error { return ErrUnknownName }

// OrList joins names as "a, b or c".
func OrList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// ParsePermission resolves "RESOURCE/NAME", where either part may be a GUID
// and the resource may be given by name, key or alias ("graph/User.Read"),
// or a NAME that only one resource has, to a permission of type t. An
// unknown or ambiguous name is a *NameError.
func ParsePermission(arg string, t manifest.Type) (manifest.Permission, error) {
	return builtin.ParsePermission(arg, t)
}

// ParsePermission resolves arg with the catalog cat; see the package-level
// ParsePermission.
func (cat *Catalog) ParsePermission(arg string, t manifest.Type) (manifest.Permission, error) {
	res, value, ok := strings.Cut(arg, "/")
	if !ok {
		return cat.parseBare(strings.TrimSpace(arg), t)
	}
	if strings.TrimSpace(value) == "" {
		return manifest.Permission{}, &NameError{Query: arg, Msg: fmt.Sprintf("%q names no permission: want RESOURCE/NAME, such as \"Microsoft Graph/User.Read\"", arg)}
	}
	return cat.Resolve(manifest.Permission{ResourceAppID: strings.TrimSpace(res), ID: strings.TrimSpace(value), Type: t})
}

// parseBare resolves a permission name given without its resource.
func (cat *Catalog) parseBare(value string, t manifest.Type) (manifest.Permission, error) {
	var found, others []Permission
	for _, p := range cat.FindValue(value) {
		if p.Type == t {
			found = append(found, p)
		} else {
			others = append(others, p)
		}
	}
	switch {
	case len(found) == 1:
		return found[0].Key(), nil
	case len(found) > 1:
		var names []string
		for _, p := range found {
			r, _ := cat.LookupResource(p.ResourceAppID)
			names = append(names, fmt.Sprintf("%q", r.Name+"/"+p.Value))
		}
		return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("%q: more than one resource has it; name one: %s", value, OrList(names))}
	case len(others) > 0:
		r, _ := cat.LookupResource(others[0].ResourceAppID)
		return manifest.Permission{}, otherType(value, r.Name, t)
	}
	if r, ok := cat.LookupResource(value); ok || value == "" {
		if !ok {
			r.Name = "Microsoft Graph"
		}
		return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("%q names no permission: want RESOURCE/NAME, such as \"%s/%s\"", value, r.Name, "User.Read")}
	}
	return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("%q: want RESOURCE/NAME, such as \"Microsoft Graph/%s\"", value, value),
		Suggestions: cat.suggestOf(MicrosoftGraphID, value, t, 3)}
}

func otherType(value, resource string, t manifest.Type) *NameError {
	return &NameError{Query: value, OtherType: true,
		Msg: fmt.Sprintf("%s on %s is %s permission, not %s one", value, resource, withArticle(Kind(other(t))), withArticle(Kind(t)))}
}

// Resolve maps a permission given by GUID or by name to its GUIDs, as
// Canonical does, and fails with a *NameError where the catalog does not
// know a name. A GUID the catalog does not know is taken as it is.
func Resolve(p manifest.Permission) (manifest.Permission, error) { return builtin.Resolve(p) }

// Resolve maps p with the catalog cat; see the package-level Resolve.
func (cat *Catalog) Resolve(p manifest.Permission) (manifest.Permission, error) {
	c := cat.Canonical(p)
	if !manifest.IsGUID(c.ResourceAppID) {
		return c, cat.unknownResource(p.ResourceAppID)
	}
	if p.ID == "" || manifest.IsGUID(c.ID) {
		return c, nil
	}
	r, _ := cat.LookupResource(c.ResourceAppID)
	if ps := cat.LookupValues(c.ResourceAppID, c.ID, c.Type); len(ps) > 1 {
		ids := make([]string, len(ps))
		for i, p := range ps {
			ids[i] = p.ID
		}
		return c, &NameError{Query: p.ID, Msg: fmt.Sprintf("%s has %d %s permissions named %s (%s); give the id instead", r.Name, len(ps), Kind(c.Type), ps[0].Value, strings.Join(ids, " and "))}
	}
	if o, ok := cat.LookupValue(c.ResourceAppID, c.ID, other(c.Type)); ok {
		return c, otherType(o.Value, r.Name, c.Type)
	}
	return c, &NameError{Query: p.ID, Msg: fmt.Sprintf("unknown %s permission %q on %s", Kind(c.Type), p.ID, r.Name),
		Suggestions: cat.suggestOf(c.ResourceAppID, p.ID, c.Type, 3)}
}

func (cat *Catalog) unknownResource(q string) *NameError {
	e := &NameError{Query: q, Msg: fmt.Sprintf("unknown resource %q", q), Suggestions: cat.SuggestResource(q, 3)}
	if len(e.Suggestions) == 0 {
		e.Msg += "; name a resource the catalog knows or give its app id"
	}
	return e
}

// ResolveSet maps the permissions of a list as a manifest or template
// writes them, by GUID or by name, to their GUIDs, keeping their order. It
// fails with a *NameError on the first name the catalog does not know.
func ResolveSet(list []manifest.Resource) (manifest.Set, error) { return builtin.ResolveSet(list) }

// ResolveSet maps list with the catalog cat; see the package-level
// ResolveSet.
func (cat *Catalog) ResolveSet(list []manifest.Resource) (manifest.Set, error) {
	set := make(manifest.Set, 0, len(list))
	for _, r := range list {
		app, err := cat.Resolve(manifest.Permission{ResourceAppID: r.ResourceAppID})
		if err != nil {
			return nil, err
		}
		out := manifest.Resource{ResourceAppID: app.ResourceAppID}
		for _, a := range r.ResourceAccess {
			p, err := cat.Resolve(manifest.Permission{ResourceAppID: r.ResourceAppID, ID: a.ID, Type: a.Type})
			if err != nil {
				return nil, err
			}
			out.ResourceAccess = append(out.ResourceAccess, manifest.Access{ID: p.ID, Type: p.Type})
		}
		set = append(set, out)
	}
	return set, nil
}

// withArticle puts "a" or "an" before a kind: "a delegated", "an application".
func withArticle(kind string) string {
	if strings.HasPrefix(kind, "a") {
		return "an " + kind
	}
	return "a " + kind
}
