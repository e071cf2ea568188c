package permissions

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/manifestpatch/manifestpatch/internal/wording"
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
	return e.Msg + wording.DidYouMean(e.Suggestions)
}

func (e *NameError) Unwrap() error { return ErrUnknownName }

// ParsePermission resolves "RESOURCE/NAME", where either part may be a GUID
// and the resource may be given by name, key or alias ("graph/User.Read"),
// or a bare NAME, to a permission of type t. A bare name is Microsoft
// Graph's where Graph has it (AlsoOn says who else does), or else the one
// resource's that has it. An unknown or ambiguous name is a *NameError.
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

// parseBare resolves a permission name given without its resource: the
// one resource that has it, or Microsoft Graph where Graph has it.
func (cat *Catalog) parseBare(value string, t manifest.Type) (manifest.Permission, error) {
	var found, others []Permission
	for _, p := range cat.findValue(value) {
		if p.Removed != "" {
			continue
		}
		if p.Type == t {
			found = append(found, p)
		} else {
			others = append(others, p)
		}
	}
	if i := slices.IndexFunc(found, func(p Permission) bool { return p.ResourceAppID == MicrosoftGraphID }); i >= 0 && len(found) > 1 {
		// A name Microsoft Graph has means Graph's: AlsoOn says who else
		// has it, so that the caller can say which was taken.
		found = found[i : i+1]
	}
	switch {
	case len(found) == 1:
		return cat.Resolve(found[0].Key())
	case len(found) > 1:
		var names []string
		for _, p := range found {
			r, _ := cat.LookupResource(p.ResourceAppID)
			names = append(names, fmt.Sprintf("%q", r.Name+"/"+p.Value))
		}
		return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("%q: more than one resource has it; name one: %s", value, wording.OrList(names))}
	case len(others) > 0:
		r, _ := cat.LookupResource(others[0].ResourceAppID)
		return manifest.Permission{}, wrongTypeError(value, r.Name, t)
	}
	if r, ok := cat.LookupResource(value); ok || value == "" {
		if !ok {
			r.Name = "Microsoft Graph"
		}
		return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("%q names no permission: want RESOURCE/NAME, such as \"%s/%s\"", value, r.Name, "User.Read")}
	}
	return manifest.Permission{}, &NameError{Query: value, Msg: fmt.Sprintf("unknown %s permission %q: no resource in the catalog publishes it (name another's as RESOURCE/NAME)", wording.Kind(t), value),
		Suggestions: cat.suggestOf(MicrosoftGraphID, value, t, 3)}
}

func wrongTypeError(value, resource string, t manifest.Type) *NameError {
	return &NameError{Query: value, OtherType: true,
		Msg: fmt.Sprintf("%s on %s is %s permission, not %s one", value, resource, wording.WithArticle(wording.Kind(t.Other())), wording.WithArticle(wording.Kind(t)))}
}

// AlsoOn returns the resources other than p's that publish a permission
// of p's name and type, in catalog order: for saying, of a name given
// without its resource, which resource's was taken (ParsePermission takes
// Microsoft Graph's) and who else has one.
func (cat *Catalog) AlsoOn(p manifest.Permission) []Resource {
	found, ok := cat.Lookup(p.ResourceAppID, p.ID, p.Type)
	if !ok {
		return nil
	}
	var out []Resource
	for _, q := range cat.findValue(found.Value) {
		if q.Type == p.Type && q.Removed == "" && !strings.EqualFold(q.ResourceAppID, found.ResourceAppID) {
			if r, ok := cat.LookupResource(q.ResourceAppID); ok && !slices.ContainsFunc(out, func(o Resource) bool { return o.AppID == r.AppID }) {
				out = append(out, r)
			}
		}
	}
	return out
}

// Resolve maps a permission given by GUID or by name to its GUIDs, as
// Canonical does, and checks it: it fails with a *NameError where the
// catalog does not know a name, where the permission is of the other type
// or was removed, and where a GUID is not on a resource whose list the
// catalog has complete (Microsoft Graph). A GUID on a resource whose list
// is partial, or that the catalog does not know, is taken as it is.
func (cat *Catalog) Resolve(p manifest.Permission) (manifest.Permission, error) {
	c := cat.Canonical(p)
	if !manifest.IsGUID(c.ResourceAppID) {
		return c, cat.unknownResource(p.ResourceAppID)
	}
	if p.ID == "" {
		return c, nil
	}
	r, _ := cat.LookupResource(c.ResourceAppID)
	if manifest.IsGUID(c.ID) {
		return c, cat.checkID(r, c)
	}
	if ps := cat.lookupValues(c.ResourceAppID, c.ID, c.Type); len(ps) > 1 {
		ids := make([]string, len(ps))
		for i, p := range ps {
			ids[i] = p.ID
		}
		return c, &NameError{Query: p.ID, Msg: fmt.Sprintf("%s has %d %s permissions named %s (%s); give the id instead", r.Name, len(ps), wording.Kind(c.Type), ps[0].Value, strings.Join(ids, " and "))}
	}
	if found, ok := cat.LookupValue(c.ResourceAppID, c.ID, c.Type); ok && found.Removed != "" {
		return c, removedError(p.ID, r, found)
	}
	if o, ok := cat.LookupValue(c.ResourceAppID, c.ID, c.Type.Other()); ok && o.Removed == "" {
		return c, wrongTypeError(o.Value, r.Name, c.Type)
	}
	return c, &NameError{Query: p.ID, Msg: fmt.Sprintf("unknown %s permission %q on %s", wording.Kind(c.Type), p.ID, r.Name),
		Suggestions: cat.suggestOf(c.ResourceAppID, p.ID, c.Type, 3)}
}

// checkID checks a permission given by GUID on the resource r: the
// catalog must know it as a permission of its type, unless r's list is
// partial or missing.
func (cat *Catalog) checkID(r Resource, c manifest.Permission) error {
	if found, ok := cat.Lookup(r.AppID, c.ID, c.Type); ok {
		if found.Removed != "" {
			return removedError(c.ID, r, found)
		}
		return nil
	}
	if o, ok := cat.Lookup(r.AppID, c.ID, c.Type.Other()); ok && o.Removed == "" {
		e := wrongTypeError(c.ID, r.Name, c.Type)
		e.Msg = fmt.Sprintf("%s is %s %s permission %s, not %s one", c.ID, r.Name+"'s", wording.Kind(o.Type), o.Value, wording.WithArticle(wording.Kind(c.Type)))
		if same, ok := cat.LookupValue(r.AppID, o.Value, c.Type); ok && same.Removed == "" {
			e.Msg += fmt.Sprintf(" (%s's %s %s is %s)", r.Name, wording.Kind(c.Type), o.Value, same.ID)
		}
		return e
	}
	if !r.Complete {
		return nil
	}
	return &NameError{Query: c.ID, Msg: fmt.Sprintf("%s has no %s permission with id %s in the catalog of %s (a mistyped GUID, or one newer than the catalog: refresh it from your tenant with --catalog)", r.Name, wording.Kind(c.Type), c.ID, r.asOf()),
		Suggestions: cat.suggestIDs(r.AppID, c.ID, c.Type, 3)}
}

// removedError says that the permission found, which the query names, was
// removed.
func removedError(query string, r Resource, found Permission) *NameError {
	return &NameError{Query: query, Msg: fmt.Sprintf("%s %s (%s) was removed from %s by Microsoft on %s", r.Name, found.Value, wording.Kind(found.Type), r.Name, found.Removed)}
}

// suggestIDs returns up to n ids of the permissions of type t on the
// resource appID that are closest to id (a GUID with a digit or two
// mistyped), each followed by its name in parentheses.
func (cat *Catalog) suggestIDs(appID, id string, t manifest.Type, n int) []string {
	c := cat.get()
	res, ok := c.resourceByAppID(appID)
	if !ok {
		return nil
	}
	r := &c.resources[res]
	var cands []candidate
	names := make(map[string]string)
	for i := r.first; i < r.end; i++ {
		if e := &c.perms[i]; e.typ == t && e.removed == "" {
			cands = append(cands, candidate{name: e.id})
			names[e.id] = e.value
		}
	}
	out := suggestWithin(strings.ToLower(id), cands, n, 8)
	for i, s := range out {
		out[i] = s + " (" + names[s] + ")"
	}
	return out
}

func (cat *Catalog) unknownResource(q string) *NameError {
	e := &NameError{Query: q, Msg: fmt.Sprintf("unknown resource %q", q), Suggestions: cat.suggestResource(q, 3)}
	if len(e.Suggestions) == 0 {
		e.Msg += "; name a resource the catalog knows or give its app id"
	}
	return e
}

// ResolveSet maps the permissions of a list as a manifest or template
// writes them, by GUID or by name, to their GUIDs, keeping their order. It
// fails with a *NameError on the first name the catalog does not know.
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
