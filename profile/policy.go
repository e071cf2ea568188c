package profile

// A repository's policy: for each glob of manifest paths, what the
// manifests must hold and what they may hold besides.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tidwall/gjson"

	"github.com/manifestpatch/manifestpatch/check"
	"github.com/manifestpatch/manifestpatch/manifest"
	"github.com/manifestpatch/manifestpatch/permissions"
)

// PolicyFile is the name of a repository's policy file, looked for from a
// manifest's folder up to the repository's root.
const PolicyFile = ".manifestpatch.json"

// A Policy says, per glob of manifest paths, what the manifests of a
// repository must hold and what they may hold besides: the wanted
// profiles and permissions, the agency, the mode, the codes allowed, the
// permissions permitted beyond the wanted set, and what is forbidden. It
// is read from a JSON file (ParsePolicy); policy.schema.json in this
// package describes it. Each override whose files match a path applies,
// in order: a member a later one sets replaces what an earlier one set.
type Policy struct {
	overrides []override
	mu        sync.Mutex
	planners  map[string]plannerResult // by the overrides that apply and the options
}

type plannerResult struct {
	p   *check.Planner
	err error
}

// override is one entry of the policy's overrides; a nil field is unset.
type override struct {
	files           []string
	profiles        []string
	scopes, roles   []string
	agency, mode    *string
	allow           []string
	permit          []string
	permitSet       bool // permit given: nothing else beyond the wanted set is allowed
	forbid          []string
	forbidResources []string
	maxTier         *string
	maxLevel        *int
	application     *bool
	wantSet         bool // profiles, scopes or roles given
	pos             manifest.Position
	vals            map[string]manifest.Position // where each member's value starts
	at              string                       // the override's JSON path, overrides[i]
	from            map[string]override          // in joined settings: the override that set each member
}

// ParsePolicy reads a policy file. Its errors are manifest's, positioned
// as a manifest's are: a *manifest.SyntaxError for text that is not JSON,
// and a *manifest.ShapeError, with the JSON path, for a member the policy
// does not have or has twice, a value of the wrong type, a glob that is
// not one, a profile, tier or mode that does not exist. Permission names are checked when a
// manifest's planner is made (Policy.Planner), against the catalog it
// uses.
func ParsePolicy(src []byte) (*Policy, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	var syntax *json.SyntaxError
	if err := json.Unmarshal(src, new(any)); errors.As(err, &syntax) {
		return nil, &manifest.SyntaxError{Pos: manifest.PositionAt(src, int(syntax.Offset)-1), Msg: "invalid JSON: " + syntax.Error(), Err: manifest.ErrSyntax}
	} else if err != nil {
		return nil, &manifest.SyntaxError{Pos: manifest.PositionAt(src, 0), Msg: "invalid JSON: " + err.Error(), Err: manifest.ErrSyntax}
	}
	pp := policyParser{src: src}
	top := gjson.ParseBytes(src)
	if !top.IsObject() {
		return nil, pp.errorf(top, "", "a policy is a JSON object")
	}
	p := &Policy{}
	err := pp.noRepeats(top, "")
	top.ForEach(func(k, v gjson.Result) bool {
		if err != nil {
			return false
		}
		switch k.Str {
		case "$schema":
			if v.Type != gjson.String {
				err = pp.errorf(v, "$schema", "want a string")
			}
		case "overrides":
			if !v.IsArray() {
				err = pp.errorf(v, "overrides", "want an array of objects")
				return false
			}
			i := 0
			v.ForEach(func(_, item gjson.Result) bool {
				var o override
				o, err = pp.override(item, fmt.Sprintf("overrides[%d]", i))
				p.overrides = append(p.overrides, o)
				i++
				return err == nil
			})
		default:
			err = pp.errorf(k, k.Str, "a policy has no member %q; it has $schema and overrides", k.Str)
		}
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

type policyParser struct{ src []byte }

// noRepeats refuses an object that gives a member twice, which JSON
// readers resolve differently (the first, or the last).
func (pp policyParser) noRepeats(o gjson.Result, prefix string) error {
	seen := make(map[string]bool)
	var err error
	o.ForEach(func(k, _ gjson.Result) bool {
		if seen[k.Str] {
			err = &manifest.ShapeError{Pos: manifest.PositionAt(pp.src, k.Index), Path: prefix + k.Str, Msg: fmt.Sprintf("%q is given twice; give it once", k.Str), Err: manifest.ErrDuplicateKey}
			return false
		}
		seen[k.Str] = true
		return true
	})
	return err
}

func (pp policyParser) errorf(v gjson.Result, path, format string, args ...any) error {
	return &manifest.ShapeError{Pos: manifest.PositionAt(pp.src, v.Index), Path: path, Msg: fmt.Sprintf(format, args...), Err: manifest.ErrShape}
}

// override reads one override object.
func (pp policyParser) override(v gjson.Result, at string) (override, error) {
	o := override{pos: manifest.PositionAt(pp.src, v.Index), at: at}
	if !v.IsObject() {
		return o, pp.errorf(v, at, "want an object")
	}
	err := pp.noRepeats(v, at+".")
	strs := func(v gjson.Result, path string) []string {
		if !v.IsArray() {
			err = pp.errorf(v, path, "want an array of strings")
			return nil
		}
		out := []string{}
		v.ForEach(func(_, s gjson.Result) bool {
			if s.Type != gjson.String || strings.TrimSpace(s.Str) == "" {
				err = pp.errorf(s, path, "want a non-empty string, got %s", s.Raw)
				return false
			}
			out = append(out, s.Str)
			return true
		})
		return out
	}
	str := func(v gjson.Result, path string) *string {
		if v.Type != gjson.String {
			err = pp.errorf(v, path, "want a string")
			return nil
		}
		return &v.Str
	}
	o.vals = make(map[string]manifest.Position)
	v.ForEach(func(k, m gjson.Result) bool {
		path := at + "." + k.Str
		o.vals[k.Str] = manifest.PositionAt(pp.src, m.Index)
		switch k.Str {
		case "files":
			o.files = strs(m, path)
			for _, g := range o.files {
				if err == nil && !validGlob(g) {
					err = pp.errorf(m, path, "%q is not a glob: a path from the policy's folder, without ./ or ../ or spaces around it, with / between folders, *, ? and [...] within a name, and ** for any folders", g)
				}
			}
		case "profiles":
			o.profiles, o.wantSet = strs(m, path), true
			for _, name := range o.profiles {
				if _, ok := Lookup(name); err == nil && !ok {
					err = pp.errorf(m, path, "no profile %q; the profiles are %s", name, strings.Join(profileNames(), ", "))
				}
			}
		case "scopes":
			o.scopes, o.wantSet = strs(m, path), true
		case "roles":
			o.roles, o.wantSet = strs(m, path), true
		case "agency":
			o.agency = str(m, path)
		case "mode":
			if o.mode = str(m, path); err == nil {
				if _, perr := manifest.ParseMode(*o.mode); perr != nil || *o.mode == "" {
					err = pp.errorf(m, path, "mode is merge or overwrite, not %q", *o.mode)
				}
			}
		case "allow":
			if o.allow = strs(m, path); err == nil {
				if cerr := check.CheckAllow(o.allow); cerr != nil {
					err = pp.errorf(m, path, "%s", strings.TrimPrefix(cerr.Error(), "check: "))
				}
			}
		case "permit":
			o.permit, o.permitSet = strs(m, path), true
		case "forbid":
			o.forbid = strs(m, path)
		case "forbidResources":
			o.forbidResources = strs(m, path)
		case "maxTier":
			if o.maxTier = str(m, path); err == nil && tierOf(*o.maxTier) == permissions.TierUnknown {
				err = pp.errorf(m, path, "tier is ControlPlane, ManagementPlane or UserAccess, not %q", *o.maxTier)
			}
		case "maxLevel":
			n := int(m.Int())
			if m.Type != gjson.Number || float64(n) != m.Num || n < 1 || n > 5 {
				err = pp.errorf(m, path, "want a privilege level from 1 to 5, got %s", m.Raw)
			}
			o.maxLevel = &n
		case "application":
			if !m.IsBool() {
				err = pp.errorf(m, path, "want true or false")
			}
			b := m.Bool()
			o.application = &b
		default:
			err = pp.errorf(k, path, "an override has no member %q", k.Str)
		}
		return err == nil
	})
	if err == nil && len(o.files) == 0 {
		err = pp.errorf(v, at+".files", "an override needs files: the globs of the manifest paths it applies to")
	}
	return o, err
}

// tierOf returns the tier named name (as Tier.String words it), or
// TierUnknown.
func tierOf(name string) permissions.Tier {
	for _, t := range []permissions.Tier{permissions.TierControlPlane, permissions.TierManagementPlane, permissions.TierUserAccess} {
		if t.String() == name {
			return t
		}
	}
	return permissions.TierUnknown
}

func profileNames() []string {
	var names []string
	for _, p := range profiles() {
		names = append(names, p.Name)
	}
	return names
}

// Covers reports whether a glob of the policy matches the manifest at
// name, a slash-separated path relative to the policy file's folder.
func (p *Policy) Covers(name string) bool {
	return slices.ContainsFunc(p.overrides, func(o override) bool { return o.matches(name) })
}

func (o override) matches(name string) bool {
	return slices.ContainsFunc(o.files, func(g string) bool { return globMatch(g, name) })
}

// Planner returns the planner for the manifest at name (a slash-separated
// path relative to the policy file's folder), made from the overrides that
// cover it, and whether any does. Without a wanted set in them, the
// default profile is wanted, as the command wants it without flags.
// Names in scopes, roles, permit and forbid are parsed as
// Catalog.ParsePermission parses them ("graph/Mail.Send"); one that does
// not resolve is an error naming the override.
//
// The overrides' settings are laid over opts: their allow codes are added
// to opts.Allow, a mode one of them gives replaces opts.Mode, and their
// limits replace opts.Limits. ResolveNames, Now and Catalog are used as
// given.
//
// The planner is made once for each combination of overrides and options,
// and shared by every manifest they cover: Planner may be called from
// several goroutines at once.
func (p *Policy) Planner(name string, opts check.Options) (*check.Planner, bool, error) {
	var s override
	var key strings.Builder
	for i, o := range p.overrides {
		if o.matches(name) {
			s = s.join(o)
			fmt.Fprintf(&key, "%d,", i)
		}
	}
	if key.Len() == 0 {
		return nil, false, nil
	}
	// The caller's own codes are the caller's error, not the policy's.
	if err := check.CheckAllow(opts.Allow); len(opts.Allow) > 0 && err != nil {
		return nil, true, err
	}
	fmt.Fprintf(&key, "|%q|%v|%v|%d|%p", opts.Allow, opts.Mode, opts.ResolveNames, opts.Now.UnixNano(), opts.Catalog)
	p.mu.Lock()
	defer p.mu.Unlock()
	if r, ok := p.planners[key.String()]; ok {
		return r.p, true, r.err
	}
	var r plannerResult
	want, copts, err := s.resolve(opts)
	if r.err = err; err == nil {
		if r.p, err = check.NewPlanner(want, copts); err != nil {
			r.err = s.errorAt(s.forbidding(want, opts), err) // it wants what it forbids
		}
	}
	if p.planners == nil {
		p.planners = make(map[string]plannerResult)
	}
	p.planners[key.String()] = r
	return r.p, true, r.err
}

// join returns s with what o sets replacing what s sets, and records
// which override set each member, for errors.
func (s override) join(o override) override {
	from := maps.Clone(s.from)
	if from == nil {
		from = make(map[string]override)
	}
	take := func(given bool, copy func(), members ...string) {
		if given {
			copy()
			for _, m := range members {
				from[m] = o
			}
		}
	}
	take(o.wantSet, func() { s.profiles, s.scopes, s.roles, s.wantSet = o.profiles, o.scopes, o.roles, true }, "profiles", "scopes", "roles")
	take(o.agency != nil, func() { s.agency = o.agency }, "agency")
	take(o.mode != nil, func() { s.mode = o.mode }, "mode")
	take(o.allow != nil, func() { s.allow = o.allow }, "allow")
	take(o.permitSet, func() { s.permit, s.permitSet = o.permit, true }, "permit")
	take(o.forbid != nil, func() { s.forbid = o.forbid }, "forbid")
	take(o.forbidResources != nil, func() { s.forbidResources = o.forbidResources }, "forbidResources")
	take(o.maxTier != nil, func() { s.maxTier = o.maxTier }, "maxTier")
	take(o.maxLevel != nil, func() { s.maxLevel = o.maxLevel }, "maxLevel")
	take(o.application != nil, func() { s.application = o.application }, "application")
	s.from, s.pos = from, o.pos
	return s
}

// errorAt words err as the policy's error at the value of member in the
// override that set it in the joined settings s, or at the last override
// that applies.
func (s override) errorAt(member string, err error) error {
	o, ok := s.from[member]
	path, pos := s.at, s.pos
	if ok {
		path, pos = o.at+"."+member, o.pos
		if p, ok := o.vals[member]; ok {
			pos = p
		}
	}
	msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), "permissions: "), "check: ")
	var ae *AgencyError
	if errors.As(err, &ae) {
		msg = "agency " + ae.Msg
	}
	return &manifest.ShapeError{Pos: pos, Path: path, Msg: msg, Err: manifest.ErrShape}
}

// limitMembers are the members of an override that set check.Limits.
var limitMembers = []string{"forbid", "forbidResources", "maxTier", "maxLevel", "application"}

// forbidding returns the limit member of the joined settings s that
// forbids a permission of want, for the error that says so: the first
// that check, given that limit alone, refuses.
func (s override) forbidding(want check.Want, opts check.Options) string {
	for _, member := range limitMembers {
		if _, ok := s.from[member]; !ok {
			continue
		}
		t := s
		t.forbid, t.forbidResources, t.maxTier, t.maxLevel, t.application = nil, nil, nil, nil, nil
		switch member {
		case "forbid":
			t.forbid = s.forbid
		case "forbidResources":
			t.forbidResources = s.forbidResources
		case "maxTier":
			t.maxTier = s.maxTier
		case "maxLevel":
			t.maxLevel = s.maxLevel
		case "application":
			t.application = s.application
		}
		if _, copts, err := t.resolve(opts); err == nil {
			if _, err := check.NewPlanner(want, copts); err != nil {
				return member
			}
		}
	}
	return limitMembers[0]
}

// resolve turns the joined settings into what check plans with.
func (s override) resolve(opts check.Options) (check.Want, check.Options, error) {
	cat := opts.Catalog
	copts := opts
	copts.Allow = append(slices.Clip(s.allow), opts.Allow...)
	if s.mode != nil {
		copts.Mode, _ = manifest.ParseMode(*s.mode)
	}
	fail := func(member string, err error) (check.Want, check.Options, error) {
		return check.Want{}, check.Options{}, s.errorAt(member, err)
	}
	if s.permitSet && copts.Mode == manifest.Overwrite {
		const why = "permit has no use with mode overwrite, which keeps nothing but the wanted set"
		if s.mode == nil { // the caller's mode
			return check.Want{}, check.Options{}, errors.New("profile: " + why + ": plan the files the policy permits more to in merge mode")
		}
		return fail("permit", errors.New(why))
	}
	agency := ""
	if s.agency != nil {
		agency = *s.agency
	}
	var want check.Want
	names := s.profiles
	if !s.wantSet {
		names = []string{DefaultName}
	}
	for _, name := range names {
		p, _ := Lookup(name) // checked as the policy was read
		w, err := p.Want(agency)
		if err != nil {
			return fail("agency", err)
		}
		want = want.Join(w)
	}
	lim := &check.Limits{Only: s.permitSet, NoApplication: s.application != nil && !*s.application}
	for _, x := range []struct {
		member string
		names  []string
		dst    *manifest.Set
		types  []manifest.Type
	}{
		{"scopes", s.scopes, &want.Set, []manifest.Type{manifest.Scope}},
		{"roles", s.roles, &want.Set, []manifest.Type{manifest.Role}},
		{"permit", s.permit, &lim.Permit, []manifest.Type{manifest.Scope, manifest.Role}},
		{"forbid", s.forbid, &lim.Forbid, []manifest.Type{manifest.Scope, manifest.Role}},
	} {
		set, err := parseNames(cat, x.names, x.types...)
		if err != nil {
			return fail(x.member, err)
		}
		*x.dst = append(*x.dst, set...)
	}
	for _, r := range s.forbidResources {
		res, ok := cat.LookupResource(r)
		if !ok {
			return fail("forbidResources", fmt.Errorf("no resource %q in the catalog", r))
		}
		lim.ForbidResources = append(lim.ForbidResources, res.AppID)
	}
	if s.maxTier != nil {
		lim.MaxTier = tierOf(*s.maxTier)
	}
	if s.maxLevel != nil {
		lim.MaxLevel = *s.maxLevel
	}
	copts.Limits = lim
	return want, copts, nil
}

// parseNames parses each name as Catalog.ParsePermission does, as a
// permission of each of types, keeping every reading that resolves:
// "graph/User.Read.All" in permit or forbid means both the delegated and
// the application permission. A name with no reading is the error of its
// first.
func parseNames(cat *permissions.Catalog, names []string, types ...manifest.Type) (manifest.Set, error) {
	var out manifest.Set
	for _, q := range names {
		var first error
		found := false
		for _, typ := range types {
			p, err := cat.ParsePermission(q, typ)
			if err != nil {
				first = cmp.Or(first, err)
				continue
			}
			found = true
			out = append(out, manifest.Resource{ResourceAppID: p.ResourceAppID, ResourceAccess: []manifest.Access{{ID: p.ID, Type: p.Type}}})
		}
		if !found {
			return nil, first
		}
	}
	return out, nil
}

// validGlob reports whether g is a glob globMatch takes: a relative,
// slash-separated path whose segments path.Match accepts, or **.
func validGlob(g string) bool {
	if g == "" || strings.HasPrefix(g, "/") || strings.Contains(g, "\\") || strings.TrimSpace(g) != g {
		return false
	}
	for _, seg := range strings.Split(g, "/") {
		if seg == "**" {
			continue
		}
		if seg == "" || seg == "." || seg == ".." {
			return false // a path a glob is matched with has none
		}
		if _, err := path.Match(seg, ""); err != nil {
			return false
		}
	}
	return true
}

// globMatch reports whether the slash-separated path name matches the glob
// g: each segment as path.Match matches it, and a ** segment any number of
// folders, none included (as .gitignore, ESLint and Spectral read **).
func globMatch(g, name string) bool {
	segs := strings.Split(name, "/")
	if slices.Contains(segs, "..") {
		return false // outside the policy's folder: no glob covers it
	}
	return matchSegments(strings.Split(g, "/"), segs)
}

func matchSegments(g, name []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(g[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], name[0]); !ok {
			return false
		}
		g, name = g[1:], name[1:]
	}
	return len(name) == 0
}
