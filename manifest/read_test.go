package manifest_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/manifestpatch/manifestpatch/manifest"
)

func TestReadShapes(t *testing.T) {
	graph := "00000003-0000-0000-c000-000000000000"
	userRead := manifest.Resource{ResourceAppID: graph, ResourceAccess: []manifest.Access{{ID: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", Type: manifest.Scope}}}
	tests := []struct {
		file string
		want manifest.Manifest
	}{
		{"legacy-portal.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{userRead}}},
		{"bom.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{userRead}}},
		{"minified.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{userRead}}},
		{"reversed-keys.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{userRead}}},
		{"bare-array.json", manifest.Manifest{Container: manifest.BareArray, Present: true, Resources: []manifest.Resource{userRead}}},
		{"bare-empty-array.json", manifest.Manifest{Container: manifest.BareArray, Present: true}},
		{"empty-array.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true}},
		{"null.json", manifest.Manifest{Container: manifest.ObjectMember}},
		{"missing-key.json", manifest.Manifest{Container: manifest.ObjectMember}},
		{"uppercase.json", manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: []manifest.Resource{{
			ResourceAppID:  "00000003-0000-0000-C000-000000000000",
			ResourceAccess: []manifest.Access{{ID: "E1FE6DD8-BA31-4D61-89E7-88639DA4683D", Type: manifest.Scope}, {ID: "37F7F235-527C-4136-ACCD-4A02D197296E", Type: manifest.Scope}},
		}}}},
	}
	for _, tt := range tests {
		src, err := os.ReadFile("testdata/apply/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := manifest.Read(src)
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(manifest.Manifest{}, "Positions", "Setup")); diff != "" {
			t.Errorf("%s: Read mismatch (-want +got):\n%s", tt.file, diff)
		}
	}
}

func TestReadPositions(t *testing.T) {
	src := "\xEF\xBB\xBF{\r\n\"requiredResourceAccess\": [\r\n  {\"resourceAppId\": \"a\",\r\n   \"resourceAccess\": [{\"id\": \"b\", \"type\": \"Scope\"},\r\n     {\"type\": \"Role\", \"id\": \"c\"}]}]}"
	m, err := manifest.Read([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []manifest.EntryPosition{{
		ResourceAppID: manifest.Position{Offset: 55, Line: 3, Column: 21},
		IDs:           []manifest.Position{{Offset: 90, Line: 4, Column: 30}, {Offset: 142, Line: 5, Column: 29}},
	}}
	if diff := cmp.Diff(want, m.Positions); diff != "" {
		t.Errorf("Positions (-want +got):\n%s", diff)
	}
}

// TestErrors checks that bad input gets the right kind of error, at the
// right place, with a message that says what is wrong.
func TestErrors(t *testing.T) {
	entry := func(access string) string {
		return `{"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [` + access + `]}]}`
	}
	tests := []struct {
		name, in string
		sentinel error
		pos      string // line:column
		path     string
		msg      string // a part of the message
	}{
		{"empty", "", manifest.ErrSyntax, "1:1", "", "empty input"},
		{"whitespace", " \n\t\n", manifest.ErrSyntax, "3:1", "", "empty input"},
		{"string", `"requiredResourceAccess"`, manifest.ErrNotObject, "1:1", "", "top-level value is a string"},
		{"number", "42\n", manifest.ErrNotObject, "1:1", "", "top-level value is a number"},
		{"truncated object", "{\n  \"a\": 1,\n", manifest.ErrSyntax, "3:1", "", "unexpected end of input; want a string key"},
		{"truncated string", `{"a": "b`, manifest.ErrSyntax, "1:7", "", "unterminated string"},
		{"missing colon", `{"a" 1}`, manifest.ErrSyntax, "1:6", "", "want ':'"},
		{"trailing garbage", "{}\n}", manifest.ErrSyntax, "2:1", "", "after the top-level value"},
		{"line comment", "{\n  // calendar sync\n  \"a\": 1\n}", manifest.ErrComment, "2:3", "", "JSON does not allow comments"},
		{"block comment", "{ /* x */ }", manifest.ErrComment, "1:3", "", "comment"},
		{"trailing comma object", "{\"a\": 1,\n}", manifest.ErrSyntax, "1:8", "", "trailing comma before '}'"},
		{"trailing comma array", "[1, 2,]", manifest.ErrSyntax, "1:6", "", "trailing comma before ']'"},
		{"NaN", `{"a": NaN}`, manifest.ErrSyntax, "1:7", "", "NaN is not a JSON value"},
		{"-Infinity", `{"a": -Infinity}`, manifest.ErrSyntax, "1:7", "", "-Infinity is not a JSON value"},
		{"leading zero", `{"a": 01}`, manifest.ErrSyntax, "1:7", "", "leading zero"},
		{"single quotes", `{'a': 1}`, manifest.ErrSyntax, "1:2", "", `unexpected '\''`},
		{"invalid UTF-8", "{\"a\": \"\xff\"}", manifest.ErrSyntax, "1:8", "", "invalid UTF-8"},
		{"NUL", "{\"a\": 1}\x00", manifest.ErrSyntax, "1:9", "", "NUL byte"},
		{"raw tab in string", "{\"a\": \"x\ty\"}", manifest.ErrSyntax, "1:9", "", "control character U+0009"},
		{"bad escape", `{"a": "\x"}`, manifest.ErrSyntax, "1:8", "", `invalid escape 'x'`},
		{"too deep", strings.Repeat("[", 1001), manifest.ErrTooDeep, "1:1001", "", "nested more than 1000 deep"},
		{"BOM then bad", "\xEF\xBB\xBF{,}", manifest.ErrSyntax, "1:2", "", "want a string key"},

		{"not an array", `{"requiredResourceAccess": {}}`, manifest.ErrShape, "1:28", "requiredResourceAccess", "want an array, got an object"},
		{"entry not object", `{"requiredResourceAccess": ["x"]}`, manifest.ErrShape, "1:29", "requiredResourceAccess[0]", "want an object, got a string"},
		{"no resourceAppId", `{"requiredResourceAccess": [{"resourceAccess": []}]}`, manifest.ErrShape, "1:29", "requiredResourceAccess[0]", "no resourceAppId"},
		{"no resourceAccess", `{"requiredResourceAccess": [{"resourceAppId": "x"}]}`, manifest.ErrShape, "1:29", "requiredResourceAccess[0]", "no resourceAccess"},
		{"resourceAppId number", `{"requiredResourceAccess": [{"resourceAppId": 3, "resourceAccess": []}]}`, manifest.ErrShape, "1:47", "requiredResourceAccess[0].resourceAppId", "want a string, got a number"},
		{"resourceAccess null", `{"requiredResourceAccess": [{"resourceAppId": "x", "resourceAccess": null}]}`, manifest.ErrShape, "1:70", "requiredResourceAccess[0].resourceAccess", "want an array, got null"},
		{"id object", entry(`{"id": {}, "type": "Scope"}`), manifest.ErrShape, "1:113", "requiredResourceAccess[0].resourceAccess[0].id", "want a string, got an object"},
		{"lower-case scope", entry(`{"id": "x", "type": "Scope"}, {"id": "y", "type": "scope"}`), manifest.ErrShape, "1:156", "requiredResourceAccess[0].resourceAccess[1].type", `type is "scope"; want "Scope" or "Role" (spelled "Scope": the value is case-sensitive)`},
		{"no type", entry(`{"id": "x"}`), manifest.ErrShape, "1:106", "requiredResourceAccess[0].resourceAccess[0]", "has no type"},
		{"no id", entry(`{"type": "Role"}`), manifest.ErrShape, "1:106", "requiredResourceAccess[0].resourceAccess[0]", "has no id"},
		{"bare array shape", `[{"resourceAppId": true, "resourceAccess": []}]`, manifest.ErrShape, "1:20", "[0].resourceAppId", "want a string, got a boolean"},
		{"two keys", "{\n\"requiredResourceAccess\": [],\n\"requiredResourceAccess\": null\n}", manifest.ErrDuplicateKey, "3:1", "requiredResourceAccess", "the key appears twice, at 2:1 and 3:1"},
		{"two ids", entry(`{"id": "x", "id": "y", "type": "Role"}`), manifest.ErrDuplicateKey, "1:118", "requiredResourceAccess[0].resourceAccess[0].id", "appears twice"},
		{"syntax beats shape", `{"requiredResourceAccess": 1, "b": }`, manifest.ErrSyntax, "1:36", "", "want a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, op := range []string{"Read", "Apply"} {
				var err error
				if op == "Read" {
					_, err = manifest.Read([]byte(tt.in))
				} else {
					_, _, err = manifest.Apply([]byte(tt.in), manifest.Set{{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: "b", Type: manifest.Scope}}}}, manifest.Options{})
				}
				if !errors.Is(err, tt.sentinel) {
					t.Fatalf("%s: error %v, want one wrapping %v", op, err, tt.sentinel)
				}
				var pos manifest.Position
				var path string
				var se *manifest.SyntaxError
				var she *manifest.ShapeError
				switch {
				case errors.As(err, &se):
					pos = se.Pos
				case errors.As(err, &she):
					pos, path = she.Pos, she.Path
				default:
					t.Fatalf("%s: error %T is neither *SyntaxError nor *ShapeError", op, err)
				}
				got := fmt.Sprintf("%s %s", pos, path)
				if want := fmt.Sprintf("%s %s", tt.pos, tt.path); got != want {
					t.Errorf("%s: position and path %q, want %q (%v)", op, got, want, err)
				}
				if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), pos.String()+": ") {
					t.Errorf("%s: message %q, want it to contain %q", op, err, tt.msg)
				}
			}
		})
	}
}

func TestBadWant(t *testing.T) {
	_, _, err := manifest.Apply([]byte(`{}`), manifest.Set{{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: "b", Type: "scope"}}}}, manifest.Options{})
	if !errors.Is(err, manifest.ErrShape) || !strings.Contains(err.Error(), "want[0].resourceAccess[0].type") {
		t.Errorf("error %v, want a shape error naming want[0].resourceAccess[0].type", err)
	}
	if _, _, err := manifest.Apply([]byte(`{}`), nil, manifest.Options{Mode: 7}); err == nil {
		t.Errorf("unknown mode accepted")
	}
}

func TestReadSnippet(t *testing.T) {
	userRead := []manifest.Resource{{ResourceAppID: "a", ResourceAccess: []manifest.Access{{ID: "b", Type: manifest.Scope}}}}
	list := `[{"resourceAppId": "a", "resourceAccess": [{"id": "b", "type": "Scope"}]}]`
	tests := []struct {
		name, in string
		want     manifest.Manifest
	}{
		{"member", `"requiredResourceAccess": ` + list, manifest.Manifest{Container: manifest.Snippet, Present: true, Resources: userRead}},
		{"trailing comma", "\t\"requiredResourceAccess\":" + list + " ,\r\n", manifest.Manifest{Container: manifest.Snippet, Present: true, Resources: userRead}},
		{"escaped key, BOM", "\xEF\xBB\xBF\"required\\u0052esourceAccess\": " + list, manifest.Manifest{Container: manifest.Snippet, Present: true, Resources: userRead}},
		{"null", `"requiredResourceAccess": null,`, manifest.Manifest{Container: manifest.Snippet}},
		{"object", `{"requiredResourceAccess": ` + list + `}`, manifest.Manifest{Container: manifest.ObjectMember, Present: true, Resources: userRead}},
		{"array", list, manifest.Manifest{Container: manifest.BareArray, Present: true, Resources: userRead}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := manifest.ReadSnippet([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(manifest.Manifest{}, "Positions", "Setup"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkPositions(t, []byte(tt.in), got)
		})
	}
	for _, in := range []string{`"requiredResourceAccess": [],,`, `"requiredResourceAccess": 1`, `"RequiredResourceAccess": []`, `"requiredResourceAccess" []`} {
		if _, err := manifest.ReadSnippet([]byte(in)); err == nil {
			t.Errorf("ReadSnippet(%q) accepted it", in)
		}
	}
}
