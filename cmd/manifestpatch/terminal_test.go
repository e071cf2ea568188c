package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, inline, lines string }{
		{"User.Read", "User.Read", "User.Read"},
		{"a\x1b[31mb", `a\x1b[31mb`, `a\x1b[31mb`},
		{"a\r\nb\tc", `a\r\nb\tc`, "a\\r\nb\tc"},
		{"\u202eexe.json", `\u202eexe.json`, `\u202eexe.json`},
		{"x\u0085y\x7f", `x\u0085y\x7f`, `x\u0085y\x7f`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{"Überweisungen", "Überweisungen", "Überweisungen"},
	} {
		if got := escape(c.in, false); got != c.inline {
			t.Errorf("escape(%q, false) = %q, want %q", c.in, got, c.inline)
		}
		if got := escape(c.in, true); got != c.lines {
			t.Errorf("escape(%q, true) = %q, want %q", c.in, got, c.lines)
		}
	}
}

// TestNothingReachesTheTerminal runs the text outputs on a manifest, an
// export and a file name that hold escape sequences, carriage returns,
// newlines and a bidi override: none reaches standard output or standard
// error as it is, and each message stays on one line.
func TestNothingReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	name := "app.json"
	if runtime.GOOS != "windows" {
		name = "app\n\x1b[2Jevil\r.json"
	}
	app := filepath.Join(dir, name)
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := `{"displayName": "x", "signInAudience": "Azure\u001b[31mADMyOrg",
"web": {"redirectUris": ["https://a.example/\r\nfake: ok", "https://b\u001b]0;title\u0007"]},
"requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
"resourceAccess": [{"id": "b633e1c5-b582-4048-a93e-9f11b44c7e96", "type": "Role"}]},
{"resourceAppId": "22222222-3333-4444-5555-666666666666", "resourceAccess": [{"id": "bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "type": "Scope"}]}]}
`
	write(app, manifest)
	export := filepath.Join(dir, "export.json")
	write(export, `{"appId": "22222222-3333-4444-5555-666666666666", "displayName": "Contoso\u001b[8m API\r",
"oauth2PermissionScopes": [{"id": "bbbbbbbb-cccc-dddd-eeee-ffffffffffff", "value": "Things.Read\u202e", "type": "User",
"adminConsentDisplayName": "Read\nthings\u001b]0;x\u0007", "isEnabled": true}]}`)
	broken := filepath.Join(dir, "broken.json")
	write(broken, "{\"a\u001b[31m\": 1,,}")
	for _, args := range [][]string{
		{"show", "--catalog", export, app},
		{"show", "--format", "textconv", "--catalog", export, app, broken},
		{"check", "--catalog", export, app, broken},
		{"apply", "-d", "--catalog", export, "--scope", "graph/User.Read", app},
		{"apply", "--catalog", export, "--scope", "graph/User.Read", app},
		{"lookup", "--catalog", export, "Contoso\x1b[8m API\r/Things.Read\u202e", "Things.Read\u202e", "No\x1b[2JSuch"},
		{"check", filepath.Join(dir, "missing\n\x1b[2J.json")},
	} {
		var stdout, stderr bytes.Buffer
		run(args, strings.NewReader(""), &stdout, &stderr)
		for what, out := range map[string][]byte{"standard output": stdout.Bytes(), "standard error": stderr.Bytes()} {
			s := string(out)
			for _, r := range s {
				if unsafeRune(r, true) || r == utf8.RuneError {
					t.Errorf("%v: %s holds %U:\n%s", args, what, r, s)
					break
				}
			}
		}
		if runtime.GOOS != "windows" && args[0] != "lookup" {
			for _, line := range strings.Split(strings.TrimSpace(stdout.String()+stderr.String()), "\n") {
				if strings.HasPrefix(line, "evil") || strings.HasPrefix(line, ".json") {
					t.Errorf("%v: a file name split a message: %q", args, line)
				}
			}
		}
	}
}
