package manifest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/manifestpatch/manifestpatch/manifest"
)

// The fuzz targets state what Read and Apply promise for any input. Their
// seeds are the golden inputs, the real manifests in ../shared/corpus when
// that folder is present, and the small tricky inputs below.

// fuzzSeeds are inputs near the edges of the grammar and of the shapes the
// package reads.
var fuzzSeeds = []string{
	``,
	` `,
	`{}`,
	`[]`,
	`null`,
	`"x"`,
	`-0.5e+3`,
	"\xEF\xBB\xBF{}",
	"\xEF\xBB\xBF\xEF\xBB\xBF{}",
	"{\"a\":\xEF\xBB\xBF1}",
	`{"requiredResourceAccess":null}`,
	`{"requiredResourceAccess":[]}`,
	`{"requiredResourceAccess":{}}`,
	`{"requiredResourceAccess":[],"requiredResourceAccess":[]}`,
	`{"required\u0052esourceAccess":[]}`,
	`[{"resourceAppId":"a","resourceAccess":[]}]`,
	`[{"resourceAppId":"a","resourceAccess":[{"id":"b","type":"Scope"}]}]`,
	`[{"resourceAccess":[{"type":"Role","id":"\ud800"}],"resourceAppId":"\u0041"}]`,
	`[{"resourceAppId":"a","resourceAccess":[{"id":"b","type":"scope"}]}]`,
	`[{"resourceAppId":"a","resourceAccess":[{"id":"b","id":"c","type":"Scope"}]}]`,
	`{ "a" : 1 , "requiredResourceAccess" : [ { "resourceAppId" : "a" , "resourceAccess" : [ { "id" : "b" , "type" : "Role" } ] } ] }`,
	"{\n\t\"a\": 1\n}",
	"{\"a\":1\n}",
	"{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}\r\n",
	"{\r\"a\": 1,\r\"requiredResourceAccess\": []\r}",
	"{\n  \"requiredResourceAccess\": [\n    {\"resourceAppId\": \"a\", \"resourceAccess\": [{\"id\": \"b\", \"type\": \"Scope\"}]}\n  ]\n}\n",
	"{\n  \"requiredResourceAccess\": [{\n    \"resourceAppId\": \"a\",\n    \"resourceAccess\": [{\"id\": \"b\", \"type\": \"Scope\", \"additionalProperties\": null}]\n  }]\n}",
	`{"a": // c
1}`,
	`{"a": /* c */ 1}`,
	`{"a": 1,}`,
	`[1,]`,
	`{"a": NaN}`,
	`{"a": -Infinity}`,
	`{"a": 01}`,
	`{"a": "\x"}`,
	`{"a": "\u12"}`,
	"{\"a\": \"\xff\"}",
	"{\"a\": \"\x00\"}",
	"{}\x00",
	`{"a": "`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
}

// fuzzInputs adds every seed: the tricky inputs, testdata/apply/*.json and
// the shared corpus, read at test time.
func fuzzInputs(f *testing.F) [][]byte {
	var out [][]byte
	for _, s := range fuzzSeeds {
		out = append(out, []byte(s))
	}
	for _, pattern := range []string{"testdata/apply/*.json", "../../shared/corpus/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, src)
		}
	}
	return out
}

var sentinels = []error{
	manifest.ErrSyntax, manifest.ErrComment, manifest.ErrTooDeep,
	manifest.ErrNotObject, manifest.ErrShape, manifest.ErrDuplicateKey,
	manifest.ErrNotManifest, manifest.ErrSnippet,
}

// checkError checks the form of an error Read or Apply returned for src: a
// *SyntaxError or *ShapeError wrapping exactly one sentinel, at a position
// inside src whose line and column agree with its offset.
func checkError(t *testing.T, src []byte, err error) {
	t.Helper()
	var pos manifest.Position
	var se *manifest.SyntaxError
	var she *manifest.ShapeError
	switch {
	case errors.As(err, &se):
		pos = se.Pos
		if se.Err != manifest.ErrSyntax && se.Err != manifest.ErrComment && se.Err != manifest.ErrTooDeep && se.Err != manifest.ErrSnippet {
			t.Fatalf("SyntaxError wraps %v", se.Err)
		}
	case errors.As(err, &she):
		pos = she.Pos
		switch she.Err {
		case manifest.ErrShape, manifest.ErrNotObject, manifest.ErrDuplicateKey, manifest.ErrNotManifest:
		default:
			t.Fatalf("ShapeError wraps %v", she.Err)
		}
	default:
		t.Fatalf("error %T (%v) is neither *SyntaxError nor *ShapeError", err, err)
	}
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("error %v wraps %d sentinels, want 1", err, n)
	}
	if want := positionOf(src, pos.Offset); pos.Offset < 0 || pos.Offset > len(src) || pos != want {
		t.Fatalf("error %v at %+v, want a position in the input (%+v)", err, pos, want)
	}
	if se != nil && se.Err == manifest.ErrComment {
		if c := src[pos.Offset:]; !bytes.HasPrefix(c, []byte("//")) && !bytes.HasPrefix(c, []byte("/*")) {
			t.Fatalf("comment error %v does not point at a comment", err)
		}
	}
	if se != nil && se.Err == manifest.ErrTooDeep && depth(src[:min(pos.Offset+1, len(src))]) <= manifest.MaxDepth {
		t.Fatalf("error %v, but the input is not that deep there", err)
	}
}

// positionOf is the Position of src[off]: lines end at '\n', columns count
// bytes, and a byte order mark counts in the offset but not in the column.
func positionOf(src []byte, off int) manifest.Position {
	bom := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		bom = 3
	}
	if off < bom || off > len(src) {
		return manifest.Position{Offset: -1}
	}
	body := src[bom:off]
	return manifest.Position{
		Offset: off,
		Line:   1 + bytes.Count(body, []byte("\n")),
		Column: len(body) - bytes.LastIndexByte(body, '\n'),
	}
}

// depth returns the deepest nesting of arrays and objects in src, outside
// strings.
func depth(src []byte) int {
	d, deepest := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '[', '{':
			if d++; d > deepest {
				deepest = d
			}
		case ']', '}':
			d--
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
	}
	return deepest
}

func FuzzRead(f *testing.F) {
	for _, src := range fuzzInputs(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		keep := bytes.Clone(src)
		got, err := manifest.Read(src)
		if !bytes.Equal(src, keep) {
			t.Fatalf("Read modified its input")
		}
		body := bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
		// encoding/json accepts invalid UTF-8 in strings and nesting down
		// to 10000 levels; the package accepts neither.
		valid := json.Valid(body) && utf8.Valid(body) && depth(body) <= manifest.MaxDepth
		if err != nil {
			checkError(t, src, err)
		}
		var se *manifest.SyntaxError
		if !valid {
			if !errors.As(err, &se) {
				t.Fatalf("Read(%q) = %v, want a *SyntaxError: the input is not JSON the package takes", src, err)
			}
			checkSnippet(t, src, err)
			return
		}
		if m, serr := manifest.ReadSnippet(src); fmt.Sprint(serr) != fmt.Sprint(err) || !cmp.Equal(m, got, cmpopts.EquateEmpty()) {
			t.Fatalf("ReadSnippet(%q) = %v, %v; want what Read returns: %v, %v", src, m, serr, got, err)
		}
		if errors.As(err, &se) {
			t.Fatalf("Read(%q): %v, but the input is valid JSON", src, err)
		}

		// The input is JSON: compare with what encoding/json finds.
		ref := referenceRead(t, body)
		var she *manifest.ShapeError
		if ref.err != nil {
			if !errors.As(err, &she) || she.Err != ref.err || she.Path != ref.path {
				t.Fatalf("Read(%q) = %v, want a shape error %q at %q", src, err, ref.err, ref.path)
			}
			return
		}
		// A member named requiredResourceAccess in another case is refused
		// at its key: as a shape error in a file that holds the right
		// spelling, which makes it a manifest; elsewhere as a shape error
		// or not a manifest, as the package's list of manifest members
		// decides.
		if ref.miscased != "" {
			if !errors.As(err, &she) || she.Path != ref.miscased || !bytes.HasPrefix(src[she.Pos.Offset:], []byte(`"`)) ||
				she.Err != manifest.ErrShape && (ref.hasKey || she.Err != manifest.ErrNotManifest) {
				t.Fatalf("Read(%q) = %v, want a shape error at the key %q", src, err, ref.miscased)
			}
			return
		}
		// A top-level object that is not an application is refused: as a
		// whole, at the object, when none of its members marks one; or at
		// the member that says what else it is (servicePrincipalType,
		// value, @odata.type). The lists of members are the package's;
		// what holds for any lists is checked here.
		if errors.Is(err, manifest.ErrNotManifest) {
			errors.As(err, &she)
			if ref.m.Container != manifest.ObjectMember || ref.keys == 0 {
				t.Fatalf("Read(%q) = %v, but it is a %v with %d members", src, err, ref.m.Container, ref.keys)
			}
			switch {
			case she.Path == "":
				if ref.hasKey || she.Pos.Offset != len(src)-len(bytes.TrimLeft(body, " \t\r\n")) {
					t.Fatalf("Read(%q) = %v, want it at the top-level object, which has no requiredResourceAccess", src, err)
				}
			case !bytes.HasPrefix(src[she.Pos.Offset:], []byte(`"`)):
				t.Fatalf("Read(%q) = %v, want it at the key %s", src, err, she.Path)
			}
			return
		}
		if err != nil {
			t.Fatalf("Read(%q): %v, want no error", src, err)
		}
		if diff := cmp.Diff(ref.m, got, cmpopts.EquateEmpty(), ignorePositions); diff != "" {
			t.Fatalf("Read(%q) differs from encoding/json (-want +got):\n%s", src, diff)
		}
		checkPositions(t, src, got)
	})
}

// ignorePositions leaves Manifest.Positions and Setup out of a comparison
// with the reference, which does not compute them.
var ignorePositions = cmpopts.IgnoreFields(manifest.Manifest{}, "Positions", "Setup")

// checkPositions checks that m.Positions runs parallel to m.Resources and
// that each position is where the value it names starts in src.
func checkPositions(t *testing.T, src []byte, m manifest.Manifest) {
	t.Helper()
	if len(m.Positions) != len(m.Resources) {
		t.Fatalf("%d positions for %d resources", len(m.Positions), len(m.Resources))
	}
	at := func(what string, p manifest.Position, want string) {
		t.Helper()
		if p != positionOf(src, p.Offset) {
			t.Fatalf("%s %q at %+v, want %+v", what, want, p, positionOf(src, p.Offset))
		}
		dec := json.NewDecoder(bytes.NewReader(src[p.Offset:]))
		var got string
		if err := dec.Decode(&got); err != nil || got != want {
			t.Fatalf("%s %q at %v, but the value there is %q (%v)", what, want, p, got, err)
		}
	}
	for i, r := range m.Resources {
		ep := m.Positions[i]
		at("resourceAppId", ep.ResourceAppID, r.ResourceAppID)
		if len(ep.IDs) != len(r.ResourceAccess) {
			t.Fatalf("entry %d: %d positions for %d permissions", i, len(ep.IDs), len(r.ResourceAccess))
		}
		for j, a := range r.ResourceAccess {
			at("id", ep.IDs[j], a.ID)
		}
	}
}

// jnode is a JSON value as encoding/json decodes it, keeping member order and
// repeated keys.
type jnode struct {
	kind  json.Delim // '{', '[', or 0 for a scalar
	str   *string    // the value of a string
	null  bool
	keys  []string
	elems []*jnode // member values or array items
}

func decodeNode(dec *json.Decoder) (*jnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	n := new(jnode)
	switch v := tok.(type) {
	case json.Delim:
		n.kind = v
		for dec.More() {
			if v == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			e, err := decodeNode(dec)
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, e)
		}
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
	case string:
		n.str = &v
	case nil:
		n.null = true
	}
	return n, nil
}

// reference is what Read should return for a valid JSON document: the
// manifest, or the sentinel and path of the first shape error in document
// order.
type reference struct {
	m    manifest.Manifest
	err  error
	path string
	// keys counts the members of a top-level object; hasKey says whether
	// one of them is requiredResourceAccess, and miscased is the first
	// whose name is requiredResourceAccess in another case.
	keys     int
	hasKey   bool
	miscased string
}

func (r *reference) fail(err error, path string) {
	if r.err == nil {
		r.err, r.path = err, path
	}
}

// referenceRead states the shape rules of DOMAIN.md over a tree decoded by
// encoding/json.
func referenceRead(t *testing.T, body []byte) reference {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	top, err := decodeNode(dec)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			err = nil
		} else if err == nil {
			err = errors.New("more than one value")
		}
	}
	if err != nil {
		t.Fatalf("encoding/json cannot decode what json.Valid accepts: %v", err)
	}
	var r reference
	switch top.kind {
	case '{':
		r.m.Container = manifest.ObjectMember
		r.keys = len(top.keys)
		seen := false
		guards := manifest.Guards()
		setup := map[string]bool{}
		for i, k := range top.keys {
			if k != manifest.RequiredResourceAccess {
				for _, g := range guards.Kids {
					switch {
					case k == g.Name:
						if setup[k] {
							r.fail(manifest.ErrDuplicateKey, k)
						}
						setup[k] = true
						r.guarded(top.elems[i], g, k)
					case r.miscased == "" && foldASCII(k, g.Name):
						r.miscased = k
					}
				}
				continue
			}
			r.hasKey = true
			if seen {
				r.fail(manifest.ErrDuplicateKey, manifest.RequiredResourceAccess)
				continue
			}
			seen = true
			if v := top.elems[i]; !v.null {
				r.list(v, manifest.RequiredResourceAccess)
			}
		}
	case '[':
		r.m.Container = manifest.BareArray
		r.list(top, "")
	default:
		r.fail(manifest.ErrNotObject, "")
	}
	return r
}

func (r *reference) list(v *jnode, path string) {
	if v.kind != '[' {
		r.fail(manifest.ErrShape, path)
		return
	}
	r.m.Present = true
	for i, e := range v.elems {
		epath := fmt.Sprintf("%s[%d]", path, i)
		if e.kind != '{' {
			r.fail(manifest.ErrShape, epath)
			continue
		}
		res := manifest.Resource{ResourceAccess: []manifest.Access{}}
		hasApp, hasList := false, false
		var folded []string // refused once the entry's members are read
		for k, name := range e.keys {
			switch name {
			case "resourceAppId":
				if hasApp {
					r.fail(manifest.ErrDuplicateKey, epath+".resourceAppId")
					continue
				}
				hasApp = true
				res.ResourceAppID = r.str(e.elems[k], epath+".resourceAppId")
			case "resourceAccess":
				if hasList {
					r.fail(manifest.ErrDuplicateKey, epath+".resourceAccess")
					continue
				}
				hasList = true
				res.ResourceAccess = r.accesses(e.elems[k], epath)
			default:
				folded = r.folded(folded, name, epath, "resourceAppId", "resourceAccess")
			}
		}
		r.failFolded(folded)
		if !hasApp || !hasList {
			r.fail(manifest.ErrShape, epath)
		}
		r.m.Resources = append(r.m.Resources, res)
	}
}

func (r *reference) accesses(v *jnode, epath string) []manifest.Access {
	if v.kind != '[' {
		r.fail(manifest.ErrShape, epath+".resourceAccess")
		return nil
	}
	var out []manifest.Access
	for j, a := range v.elems {
		apath := fmt.Sprintf("%s.resourceAccess[%d]", epath, j)
		if a.kind != '{' {
			r.fail(manifest.ErrShape, apath)
			continue
		}
		var acc manifest.Access
		hasID, hasType := false, false
		var folded []string
		for k, name := range a.keys {
			switch name {
			case "id":
				if hasID {
					r.fail(manifest.ErrDuplicateKey, apath+".id")
					continue
				}
				hasID = true
				acc.ID = r.str(a.elems[k], apath+".id")
			case "type":
				if hasType {
					r.fail(manifest.ErrDuplicateKey, apath+".type")
					continue
				}
				hasType = true
				acc.Type = manifest.Type(r.str(a.elems[k], apath+".type"))
				if a.elems[k].str != nil && !acc.Type.Valid() {
					r.fail(manifest.ErrShape, apath+".type")
				}
			default:
				folded = r.folded(folded, name, apath, "id", "type")
			}
		}
		r.failFolded(folded)
		if !hasID || !hasType {
			r.fail(manifest.ErrShape, apath)
		}
		out = append(out, acc)
	}
	return out
}

// guarded states the rules for a value on a guarded path other than
// requiredResourceAccess: in an object, a guarded key may not repeat, and
// one spelled in another case is refused once the object's members are
// read; the values of guarded keys and the items of a guarded array follow
// the same rules.
func (r *reference) guarded(v *jnode, g *manifest.Guard, path string) {
	switch {
	case v.kind == '{' && g.Kids != nil:
		seen := map[string]bool{}
		var folded []string
		for i, k := range v.keys {
			matched := false
			for _, sub := range g.Kids {
				if k == sub.Name {
					matched = true
					if seen[k] {
						r.fail(manifest.ErrDuplicateKey, path+"."+k)
					}
					seen[k] = true
					r.guarded(v.elems[i], sub, path+"."+k)
				}
			}
			if !matched && slices.ContainsFunc(g.Kids, func(sub *manifest.Guard) bool { return foldASCII(k, sub.Name) }) {
				folded = append(folded, k)
			}
		}
		for _, k := range folded {
			r.fail(manifest.ErrShape, path+"."+k)
		}
	case v.kind == '[' && g.Each != nil:
		for i, e := range v.elems {
			r.guarded(e, g.Each, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// foldASCII reports whether a is the ASCII name b in another ASCII case:
// the scanner folds ASCII letters only (strings.EqualFold also takes the
// Kelvin sign for k and the long s for s).
func foldASCII(a, b string) bool {
	return a != b && strings.EqualFold(a, b) && !strings.ContainsFunc(a, func(r rune) bool { return r >= utf8.RuneSelf })
}

// folded adds to paths the path of key when it is one of names in another
// case: property names are case-sensitive, so Microsoft Graph would not
// read it. The scanner refuses such keys once the object's members are
// read, after what is wrong inside them (failFolded).
func (r *reference) folded(paths []string, key, path string, names ...string) []string {
	for _, n := range names {
		if foldASCII(key, n) {
			paths = append(paths, path+"."+key)
		}
	}
	return paths
}

func (r *reference) failFolded(paths []string) {
	for _, p := range paths {
		r.fail(manifest.ErrShape, p)
	}
}

func (r *reference) str(v *jnode, path string) string {
	if v.str == nil {
		r.fail(manifest.ErrShape, path)
		return ""
	}
	return *v.str
}

// Wanted sets for FuzzApply, picked by a fuzzed number.
const (
	graph    = "00000003-0000-0000-c000-000000000000"
	exchange = "00000002-0000-0ff1-ce00-000000000000"
	aadGraph = "00000002-0000-0000-c000-000000000000"
)

// calendarSet is the set the goldens and benchmarks apply: the setup
// guide's permissions, written out here so that the tests of the byte
// editor do not change when a profile does.
var calendarSet = manifest.Set{
	{ResourceAppID: exchange, ResourceAccess: []manifest.Access{
		{ID: "266d2589-20b5-4f91-9a03-89247d1be8da", Type: manifest.Scope},
		{ID: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5", Type: manifest.Scope},
	}},
	{ResourceAppID: graph, ResourceAccess: []manifest.Access{
		{ID: "14dad69e-099b-42c9-810b-d002981feec1", Type: manifest.Scope},
		{ID: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", Type: manifest.Scope},
		{ID: "12466101-c9b8-439a-8589-dd09ee67e8e9", Type: manifest.Scope},
		{ID: "2b9c4092-424d-4249-948d-b43879977640", Type: manifest.Scope},
		{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope},
		{ID: "37f7f235-527c-4136-accd-4a02d197296e", Type: manifest.Scope},
	}},
	{ResourceAppID: aadGraph, ResourceAccess: []manifest.Access{
		{ID: "311a71cc-e848-46a1-bdf8-97ff7156d8e6", Type: manifest.Scope},
	}},
}

// fuzzSet returns the wanted set number choice; the last one is built from
// a fuzzed string, used as a name the way Teams Toolkit templates do.
func fuzzSet(choice uint8, name string) manifest.Set {
	switch choice % 6 {
	case 0:
		return nil
	case 1:
		return manifest.Set{{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}}}}
	case 2:
		return calendarSet
	case 3:
		// Upper-case GUIDs, a repeat, one id as both Scope and Role, a
		// resource listed twice and one with nothing in it.
		return manifest.Set{
			{ResourceAppID: "00000003-0000-0000-C000-000000000000", ResourceAccess: []manifest.Access{
				{ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope},
				{ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Scope},
				{ID: "405a51b5-8d8d-430b-9842-8be4b0e9f324", Type: manifest.Role},
			}},
			{ResourceAppID: exchange},
			{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}}},
		}
	case 4:
		return manifest.Set{
			{ResourceAppID: "Microsoft Graph", ResourceAccess: []manifest.Access{{ID: "User.Read", Type: manifest.Scope}, {ID: "b", Type: manifest.Role}}},
			{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: "b", Type: manifest.Scope}}},
		}
	}
	return manifest.Set{
		{ResourceAppID: name, ResourceAccess: []manifest.Access{{ID: name, Type: manifest.Scope}, {ID: "User.Read", Type: manifest.Role}}},
		{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: name, Type: manifest.Role}}},
	}
}

// validWant reports whether Apply should accept want: every identifier is
// a non-empty UTF-8 string.
func validWant(want manifest.Set) bool {
	for _, r := range want {
		if r.ResourceAppID == "" || !utf8.ValidString(r.ResourceAppID) {
			return false
		}
		for _, a := range r.ResourceAccess {
			if a.ID == "" || !utf8.ValidString(a.ID) {
				return false
			}
		}
	}
	return true
}

func FuzzApply(f *testing.F) {
	for i, src := range fuzzInputs(f) {
		f.Add(src, i%2 == 1, uint8(i), "User.Read")
	}
	f.Add([]byte(`{"a":1}`), false, uint8(5), "\xff")
	f.Add([]byte(`[]`), true, uint8(5), "\"\\\n\u2028")
	f.Fuzz(func(t *testing.T, src []byte, overwrite bool, choice uint8, name string) {
		mode := manifest.Merge
		if overwrite {
			mode = manifest.Overwrite
		}
		want := fuzzSet(choice, name)

		// The input is followed by guard bytes in its capacity, so that
		// a write past its end shows too.
		buf := append(bytes.Clone(src), "guard"...)
		in := buf[:len(src)]
		out, rep, err := manifest.Apply(in, want, manifest.Options{Mode: mode})
		if !bytes.Equal(buf[:len(src)], src) || string(buf[len(src):]) != "guard" {
			t.Fatalf("Apply modified its input")
		}

		_, readErr := manifest.Read(src)
		switch {
		case !validWant(want):
			if !errors.Is(err, manifest.ErrShape) {
				t.Fatalf("Apply accepted the set %q: %v", want, err)
			}
			return
		case readErr != nil:
			if err == nil || err.Error() != readErr.Error() {
				t.Fatalf("Apply error %v, Read error %v", err, readErr)
			}
			checkError(t, src, err)
			return
		case err != nil:
			t.Fatalf("Apply(%q): %v, but Read accepts it", src, err)
		}

		if rep.Changed == bytes.Equal(out, src) {
			t.Fatalf("Report.Changed is %v, but the output equals the input: %v", rep.Changed, !rep.Changed)
		}
		if !rep.Changed && len(src) > 0 && &out[0] != &in[0] {
			t.Errorf("no change, but the output is not the input slice")
		}

		before, _ := manifest.Read(src)
		if _, err := manifest.Read(out); err != nil {
			t.Fatalf("Read(output): %v\n%s", err, out)
		}
		had := flatten(before.Resources)
		var added []manifest.Permission
		for _, p := range want.Permissions() {
			if !contains(had, p) && !contains(added, p) {
				added = append(added, p)
			}
		}
		if !slices.EqualFunc(added, rep.Added, manifest.Permission.Equal) {
			t.Errorf("Report.Added %v, want %v", rep.Added, added)
		}

		// checkApply also holds Apply to its promise that a line diff of a
		// merge shows only added lines. That promise is about the layouts
		// people keep, where lists are written one item per line; on other
		// layouts the remaining promises are checked here.
		if _, _, multiline, _ := manifest.EditRegion(src); !multiline || expanded(src) {
			checkApply(t, src, out, want, mode)
		} else {
			checkAnyLayout(t, src, out, want, mode)
		}
	})
}

// expanded reports whether src writes every non-empty array and object one
// item per line, as json.MarshalIndent, az and the portal do: a line break
// follows each opening bracket and each comma, and precedes each closing
// bracket, and no line ends in white space.
func expanded(src []byte) bool {
	var prev byte
	nl := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\r':
			continue
		case '\n':
			line := bytes.TrimSuffix(src[:i], []byte("\r"))
			if len(line) > 0 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
				return false
			}
			nl = true
			continue
		}
		open := prev == '{' || prev == '['
		closing := c == '}' || c == ']'
		if (open && !closing || prev == ',' || closing && !open) && !nl {
			return false
		}
		if c == '"' {
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
		prev, nl = c, false
	}
	return true
}

// checkAnyLayout checks what checkApply does except the line diff.
func checkAnyLayout(t *testing.T, in, out []byte, want manifest.Set, mode manifest.Mode) {
	t.Helper()
	bom := []byte("\xEF\xBB\xBF")
	if bytes.HasPrefix(in, bom) != bytes.HasPrefix(out, bom) || !json.Valid(bytes.TrimPrefix(out, bom)) {
		t.Fatalf("output is not valid JSON or lost its byte order mark:\n%s", out)
	}
	start, end, _, err := manifest.EditRegion(in)
	if err != nil {
		t.Fatalf("EditRegion: %v", err)
	}
	tail := len(in) - end
	if len(out) < start+tail || !bytes.Equal(in[:start], out[:start]) || !bytes.Equal(in[end:], out[len(out)-tail:]) {
		t.Fatalf("bytes outside requiredResourceAccess changed:\n%q\n%q", in, out)
	}
	before, _ := manifest.Read(in)
	after, err := manifest.Read(out)
	if err != nil {
		t.Fatalf("Read(output): %v", err)
	}
	got := flatten(after.Resources)
	switch mode {
	case manifest.Merge:
		for _, p := range want.Permissions() {
			if !contains(got, p) {
				t.Errorf("output lacks wanted %v", p)
			}
		}
		checkMerge(t, before, after, want)
	case manifest.Overwrite:
		checkOverwrite(t, before, after, want)
	}
	again, rep, err := manifest.Apply(out, want, manifest.Options{Mode: mode})
	if err != nil {
		t.Fatalf("second Apply: %v", err)
	}
	if rep.Changed || !bytes.Equal(again, out) {
		t.Errorf("second Apply changed the output:\n%s", again)
	}
}

// checkSnippet checks ReadSnippet on input Read refused with err: a
// requiredResourceAccess member on its own reads as the same member
// wrapped in braces, without its trailing comma, would; any other refusal
// is ReadSnippet's too.
func checkSnippet(t *testing.T, src []byte, err error) {
	t.Helper()
	m, serr := manifest.ReadSnippet(src)
	if !errors.Is(err, manifest.ErrSnippet) {
		if serr == nil || serr.Error() != err.Error() {
			t.Fatalf("ReadSnippet(%q) = %v, but Read says %v", src, serr, err)
		}
		return
	}
	body := bytes.TrimSpace(bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")))
	wrapped := append(append([]byte("{"), bytes.TrimSuffix(body, []byte(","))...), '}')
	want, werr := manifest.Read(wrapped)
	if (serr == nil) != (werr == nil) {
		t.Fatalf("ReadSnippet(%q): %v, but Read(%q): %v", src, serr, wrapped, werr)
	}
	if serr == nil && (m.Container != manifest.Snippet || !cmp.Equal(want.Resources, m.Resources, cmpopts.EquateEmpty())) {
		t.Fatalf("ReadSnippet(%q) = %+v, want the resources of %q: %+v", src, m, wrapped, want)
	}
}

// resolveNames maps the names FuzzResolve's inputs use to GUIDs, and an
// upper-case GUID to lower case, as a catalog's resolver would.
func resolveNames(p manifest.Permission) manifest.Permission {
	switch p.ResourceAppID {
	case "Microsoft Graph", "graph":
		p.ResourceAppID = graph
	}
	if manifest.IsGUID(p.ResourceAppID) {
		p.ResourceAppID = strings.ToLower(p.ResourceAppID)
	}
	switch {
	case p.ID == "User.Read" && p.Type == manifest.Scope:
		p.ID = "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
	case manifest.IsGUID(p.ID):
		p.ID = strings.ToLower(p.ID)
	}
	return p
}

// FuzzResolve states Options.Resolve's promise: resolving names in the
// same pass as the plan gives what rewriting them first and applying to
// the result gives, the output and the report alike.
func FuzzResolve(f *testing.F) {
	for i, src := range fuzzInputs(f) {
		f.Add(src, i%2 == 1, uint8(i))
	}
	f.Add([]byte(`{"requiredResourceAccess": [{"resourceAppId": "Microsoft Graph", "resourceAccess": [{"id": "User.Read", "type": "Scope"}, {"id": "User.Read", "type": "Scope"}]}, {"resourceAppId": "graph", "resourceAccess": []}]}`), true, uint8(2))
	f.Fuzz(func(t *testing.T, src []byte, overwrite bool, choice uint8) {
		mode := manifest.Merge
		if overwrite {
			mode = manifest.Overwrite
		}
		want := fuzzSet(choice%5, "")
		rewritten, err := manifest.Rewrite(src, resolveNames)
		out, rep, err2 := manifest.Apply(src, want, manifest.Options{Mode: mode, Resolve: resolveNames})
		if err != nil {
			if err2 == nil {
				t.Fatalf("Rewrite failed (%v), Apply with Resolve did not", err)
			}
			return
		}
		wantOut, wantRep, err := manifest.Apply(rewritten, want, manifest.Options{Mode: mode})
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Apply after Rewrite: %v; Apply with Resolve: %v", err, err2)
		}
		if err != nil {
			return
		}
		if !bytes.Equal(out, wantOut) {
			t.Fatalf("Apply with Resolve:\n%s\nApply after Rewrite:\n%s", out, wantOut)
		}
		wantRep.Changed = !bytes.Equal(wantOut, src)
		if diff := cmp.Diff(wantRep, rep); diff != "" {
			t.Fatalf("reports differ (-after Rewrite +with Resolve):\n%s", diff)
		}
	})
}
