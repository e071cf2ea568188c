package profile

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/manifestpatch/manifestpatch/check"
)

// schemaSamples gives a valid value of every member of an override, as a
// policy file writes it.
var schemaSamples = map[string]string{
	"files":           `["apps/**/*.json"]`,
	"profiles":        `["calendar-sync"]`,
	"scopes":          `["graph/Calendars.Read"]`,
	"roles":           `["graph/User.Read.All"]`,
	"agency":          `"acme"`,
	"mode":            `"overwrite"`,
	"allow":           `["ews-retired"]`,
	"permit":          `["graph/User.ReadBasic.All"]`,
	"forbid":          `["graph/Mail.Send"]`,
	"forbidResources": `["Azure AD Graph"]`,
	"maxTier":         `"ManagementPlane"`,
	"maxLevel":        `3`,
	"application":     `false`,
}

// schemaInvalid are policies both the schema and ParsePolicy refuse.
var schemaInvalid = []string{
	`{"overrides": [{"files": ["/abs.json"]}]}`,
	`{"overrides": [{"files": ["./apps/*.json"]}]}`,
	`{"overrides": [{"files": ["apps/../x.json"]}]}`,
	`{"overrides": [{"files": [" apps/*.json"]}]}`,
	`{"overrides": [{"files": ["apps/"]}]}`,
	`{"overrides": [{"files": ["a.json"], "maxLevel": 9}]}`,
	`{"overrides": [{"files": ["a.json"], "maxTier": "Tier0"}]}`,
	`{"overrides": [{"files": ["a.json"], "mode": "replace"}]}`,
	`{"overrides": [{"files": ["a.json"], "profiles": ["nope"]}]}`,
	`{"overrides": [{"files": ["a.json"], "application": "no"}]}`,
	`{"overrides": [{"files": ["a.json"], "colour": "red"}]}`,
	`{"overrides": [{"profiles": ["calendar-sync"]}]}`,
	`{"override": []}`,
	`[]`,
}

func readSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("policy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestSchemaAgrees: the schema and ParsePolicy know the same members, each
// sample of them parses, and the schema's profiles are the built-in ones.
func TestSchemaAgrees(t *testing.T) {
	schema := readSchema(t)
	ov := schema["$defs"].(map[string]any)["override"].(map[string]any)
	props := ov["properties"].(map[string]any)
	var inSchema, sampled []string
	for k := range props {
		inSchema = append(inSchema, k)
	}
	for k, v := range schemaSamples {
		sampled = append(sampled, k)
		src := `{"overrides": [{"files": ["a.json"], "` + k + `": ` + v + `}]}`
		if k == "files" {
			src = `{"overrides": [{"files": ` + v + `}]}`
		}
		if _, err := ParsePolicy([]byte(src)); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
	slices.Sort(inSchema)
	slices.Sort(sampled)
	if !slices.Equal(inSchema, sampled) {
		t.Errorf("the schema's override members %v differ from those the parser takes %v", inSchema, sampled)
	}
	var enum []string
	for _, v := range props["profiles"].(map[string]any)["items"].(map[string]any)["enum"].([]any) {
		enum = append(enum, v.(string))
	}
	if !slices.Equal(enum, profileNames()) {
		t.Errorf("the schema's profiles %v are not the built-in %v", enum, profileNames())
	}
	for _, src := range schemaInvalid {
		if _, err := ParsePolicy([]byte(src)); err == nil {
			t.Errorf("ParsePolicy accepts %s", src)
		}
	}
}

// readmePolicy returns the README's complete example policy.
func readmePolicy(t *testing.T) []byte {
	t.Helper()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "## A repository's policy")
	_, block, _ = strings.Cut(block, "```json\n")
	block, _, _ = strings.Cut(block, "```")
	if !ok || !strings.Contains(block, `"overrides"`) {
		t.Fatal("the README has no example policy under \"A repository's policy\"")
	}
	return []byte(block)
}

// TestReadmePolicy: the README's example parses, and every override's
// names resolve.
func TestReadmePolicy(t *testing.T) {
	p, err := ParsePolicy(readmePolicy(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"apps/sync/app.json", "apps/legacy/app.json", "apps/partners/contoso/app.json", "apps/reports/app.json"} {
		if _, covered, err := p.Planner(name, check.Options{}); !covered || err != nil {
			t.Errorf("%s: covered %v, %v", name, covered, err)
		}
	}
}

// TestSchemaValidates runs a real JSON Schema validator, ajv (ajv-cli,
// JSON Schema 2020-12), over the README's example policy and the invalid
// samples: the schema takes the one and refuses the others. $AJV names the
// ajv binary; .ci/run installs it.
func TestSchemaValidates(t *testing.T) {
	ajv := os.Getenv("AJV")
	if ajv == "" {
		var err error
		if ajv, err = exec.LookPath("ajv"); err != nil {
			t.Skip("skipping: no JSON Schema validator: set AJV to the ajv binary (npm install ajv-cli), as .ci/run does")
		}
	}
	dir := t.TempDir()
	validate := func(name string, data []byte) error {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ajv, "validate", "--spec=draft2020", "-s", "policy.schema.json", "-d", f).CombinedOutput()
		if err != nil {
			t.Logf("%s: %s", name, out)
		}
		return err
	}
	if err := validate("readme.json", readmePolicy(t)); err != nil {
		t.Errorf("the schema refuses the README's example policy: %v", err)
	}
	for i, src := range schemaInvalid {
		if err := validate("invalid.json", []byte(src)); err == nil {
			t.Errorf("invalid sample %d, %s, passes the schema", i, src)
		}
	}
}
