package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// testDay is the date the tests fix for the findings that depend on it.
var testDay = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

var updateScripts = flag.Bool("update", false, "update the expected files in testdata/script")

func TestMain(m *testing.M) {
	// The scripts' findings are worded for a fixed day, between the start
	// of the EWS shutdown and its end; the binary uses the real date.
	now = func() time.Time { return testDay }
	testscript.Main(m, map[string]func(){
		"manifestpatch": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"perm":     cmdPerm,
			"notemps":  cmdNoTemps,
			"truncate": cmdTruncate,
		},
	})
}

// perm FILE MODE checks that FILE's permission bits are MODE (octal).
func cmdPerm(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: perm FILE MODE")
	}
	info, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	want, err := strconv.ParseUint(args[1], 8, 32)
	ts.Check(err)
	if got := uint64(info.Mode().Perm()); (got == want) == neg {
		ts.Fatalf("%s has mode %#o, want %s%#o", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// truncate SIZE FILE makes FILE SIZE bytes long, sparse where the system
// allows, so that a size limit is tested without writing the bytes.
func cmdTruncate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: truncate SIZE FILE")
	}
	size, err := strconv.ParseInt(args[0], 10, 64)
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	ts.Check(f.Truncate(size))
	ts.Check(f.Close())
}

// notemps DIR checks that no temporary file is left in DIR.
func cmdNoTemps(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: notemps DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tmp") {
			ts.Fatalf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestExitCodes checks the exact exit code of each outcome, which testscript
// sees only as zero or not.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	complete, err := os.ReadFile("../../manifest/testdata/apply/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	done := write("done.json", string(complete))
	partial := `{"requiredResourceAccess": []}`
	bad := write("bad.json", `{"requiredResourceAccess": [,]}`)
	link := func(name, target string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// big is a sparse file one byte over the size limit: refused before it
	// is read, as a manifest and as a --catalog export alike.
	big := func(name string) string {
		p := write(name, "{")
		if err := os.Truncate(p, maxSize+1); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hardLinked := write("linked.json", partial)
	if err := os.Link(hardLinked, filepath.Join(dir, "linked-too.json")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args func() []string
		want int
		// untouched, if set, is a file that must keep its bytes and mode
		// and be named on standard error.
		untouched string
	}{
		{"no arguments", func() []string { return nil }, 2, ""},
		{"unknown command", func() []string { return []string{"frobnicate"} }, 2, ""},
		{"unknown flag", func() []string { return []string{"apply", "--nope", done} }, 2, ""},
		{"flag after files", func() []string { return []string{"apply", done, "-d"} }, 2, ""},
		{"no files", func() []string { return []string{"check"} }, 2, ""},
		{"bad mode", func() []string { return []string{"apply", "--mode", "replace", done} }, 2, ""},
		{"bad format", func() []string { return []string{"show", "--format", "yaml", done} }, 2, ""},
		{"stdout with diff", func() []string { return []string{"apply", "--stdout", "-d", done} }, 2, ""},
		{"help", func() []string { return []string{"--help"} }, 0, ""},
		{"command help", func() []string { return []string{"apply", "--help"} }, 0, ""},
		{"version", func() []string { return []string{"--version"} }, 0, ""},
		{"apply nothing to do", func() []string { return []string{"apply", done} }, 0, ""},
		{"apply writes", func() []string { return []string{"apply", write("a.json", partial)} }, 0, ""},
		{"apply -d clean", func() []string { return []string{"apply", "-d", done} }, 0, ""},
		{"apply -d changes", func() []string { return []string{"apply", "-d", write("b.json", partial)} }, 1, ""},
		{"apply -l changes", func() []string { return []string{"apply", "-l", write("c.json", partial)} }, 1, ""},
		{"apply --stdout", func() []string { return []string{"apply", "--stdout", write("d.json", partial)} }, 0, ""},
		{"apply bad file", func() []string { return []string{"apply", bad} }, 2, ""},
		{"apply missing file", func() []string { return []string{"apply", filepath.Join(dir, "nope.json")} }, 2, ""},
		{"apply directory", func() []string { return []string{"apply", dir} }, 2, ""},
		{"apply -d bad and changed", func() []string { return []string{"apply", "-d", write("e.json", partial), bad} }, 2, ""},
		{"check ok", func() []string { return []string{"check", done} }, 0, ""},
		{"check missing", func() []string { return []string{"check", write("f.json", partial)} }, 1, ""},
		{"check strict extra", func() []string {
			return []string{"check", "--strict", write("g.json", strings.Replace(string(complete), "\"Scope\" }\n", "\"Role\" }\n", 1))}
		}, 1, ""},
		{"check bad and ok", func() []string { return []string{"check", bad, done} }, 2, ""},
		{"check json missing", func() []string { return []string{"check", "--format", "json", write("h.json", partial)} }, 1, ""},
		{"show", func() []string { return []string{"show", done} }, 0, ""},
		{"show bad", func() []string { return []string{"show", bad} }, 2, ""},
		{"print", func() []string { return []string{"print"} }, 0, ""},
		{"print with file", func() []string { return []string{"print", done} }, 2, ""},
		{"from missing", func() []string { return []string{"check", "--from", filepath.Join(dir, "nope.json"), done} }, 2, ""},
		{"from itself", func() []string { return []string{"check", "--from", done, done} }, 0, ""},
		{"command help before files", func() []string { return []string{"check", "--help", done} }, 0, ""},
		{"help command", func() []string { return []string{"help"} }, 0, ""},
		{"help for a command", func() []string { return []string{"help", "apply"} }, 0, ""},
		{"a command's help", func() []string { return []string{"apply", "help"} }, 0, ""},
		{"help for no command", func() []string { return []string{"help", "nope"} }, 2, ""},
		{"help flag for no command", func() []string { return []string{"--help", "nope"} }, 2, ""},
		{"a command's help for nothing", func() []string { return []string{"apply", "help", "nope"} }, 2, ""},
		{"bad global flag", func() []string { return []string{"--bogus"} }, 2, ""},
		{"apply empty agency", func() []string { return []string{"apply", "--agency", "", write("i.json", partial)} }, 2, ""},
		{"check empty agency", func() []string { return []string{"check", "--agency", " ", done} }, 2, ""},
		{"apply agency too long", func() []string { return []string{"apply", "--agency", strings.Repeat("a", 64), done} }, 2, ""},
		{"apply agency as a URL", func() []string { return []string{"apply", "--agency", "https://acme.sensehq.com", done} }, 2, ""},
		{"apply on a symbolic link", func() []string { return []string{"apply", link("link.json", "j.json")} }, 2, write("j.json", partial)},
		{"apply on a hard link", func() []string { return []string{"apply", hardLinked} }, 2, hardLinked},
		{"check through a symbolic link", func() []string { return []string{"check", link("done-link.json", "done.json")} }, 0, ""},
		{"show through a symbolic link", func() []string { return []string{"show", link("done-link2.json", "done.json")} }, 0, ""},
		{"apply -d through a symbolic link", func() []string { return []string{"apply", "-d", link("k-link.json", write("k.json", partial))} }, 1, ""},
		{"consent-url missing file", func() []string { return []string{"consent-url", filepath.Join(dir, "nope.json")} }, 2, ""},
		{"apply UTF-16", func() []string { return []string{"apply", filepath.Join(dir, "utf16.json")} }, 2, write("utf16.json", "\xff\xfe{\x00}\x00")},
		{"check UTF-16", func() []string { return []string{"check", filepath.Join(dir, "utf16.json")} }, 2, filepath.Join(dir, "utf16.json")},
		{"apply two audiences", func() []string { return []string{"apply", filepath.Join(dir, "aud2.json")} }, 2,
			write("aud2.json", `{"displayName": "x", "signInAudience": "AzureADMyOrg", "signInAudience": "AzureADMultipleOrgs"}`)},
		{"apply two web members", func() []string { return []string{"apply", "--agency", "acme", filepath.Join(dir, "web2.json")} }, 2,
			write("web2.json", `{"displayName": "x", "web": {"redirectUris": []}, "web": {"redirectUris": []}}`)},
		{"apply the guide's snippet", func() []string { return []string{"apply", filepath.Join(dir, "snippet.json")} }, 2,
			write("snippet.json", "\"requiredResourceAccess\": [\n  {\"resourceAppId\": \"00000003-0000-0000-c000-000000000000\", \"resourceAccess\": []}\n],\n")},
		{"check the guide's snippet", func() []string { return []string{"check", filepath.Join(dir, "snippet.json")} }, 2, filepath.Join(dir, "snippet.json")},
		{"from the guide's snippet", func() []string { return []string{"check", "--from", filepath.Join(dir, "snippet2.json"), done} }, 0, ""},
		{"role for a delegated permission", func() []string { return []string{"check", "--role", "graph/User.Read", done} }, 2, ""},
		{"print with agency", func() []string { return []string{"print", "--agency", "acme"} }, 2, ""},
		{"consent-url on a fragment", func() []string { return []string{"consent-url", write("frag.json", `[]`)} }, 1, ""},
		{"from and file both standard input", func() []string { return []string{"check", "--from", "-", "-"} }, 2, ""},
		{"scope with no name", func() []string { return []string{"print", "--scope", "graph/"} }, 2, ""},
		{"role naming a resource", func() []string { return []string{"print", "--role", "graph"} }, 2, ""},
		{"manifest over the size limit", func() []string { return []string{"apply", filepath.Join(dir, "big.json")} }, 2, big("big.json")},
		{"catalog over the size limit", func() []string { return []string{"print", "--catalog", big("big-export.json")} }, 2, ""},
	}
	write("snippet2.json", "\"requiredResourceAccess\": [{\"resourceAppId\": \"Microsoft Graph\", \"resourceAccess\": [{\"id\": \"User.Read\", \"type\": \"Scope\"}]}],\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := tt.args()
			var before []byte
			var beforeInfo os.FileInfo
			if tt.untouched != "" {
				before, _ = os.ReadFile(tt.untouched)
				beforeInfo, _ = os.Stat(tt.untouched)
			}
			got := run(args, strings.NewReader(""), &stdout, &stderr)
			if tt.untouched != "" {
				after, _ := os.ReadFile(tt.untouched)
				afterInfo, _ := os.Stat(tt.untouched)
				if !bytes.Equal(after, before) || afterInfo.Mode() != beforeInfo.Mode() {
					t.Errorf("%s was changed", tt.untouched)
				}
				if !strings.Contains(stderr.String(), filepath.Base(tt.untouched)) {
					t.Errorf("standard error does not name %s:\n%s", filepath.Base(tt.untouched), stderr.String())
				}
			}
			if got != tt.want {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", got, tt.want, stdout.String(), stderr.String())
			}
			if got == 2 && stderr.Len() == 0 {
				t.Errorf("exit code 2 with nothing on standard error")
			}
		})
	}
}

// TestUnchangedFileNotRewritten shows that a file that needs no change is
// not written at all: its inode and modification time stay.
func TestUnchangedFileNotRewritten(t *testing.T) {
	src, err := os.ReadFile("../../manifest/testdata/apply/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "app.json")
	if err := os.WriteFile(p, src, 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	var out, errOut bytes.Buffer
	if code := run([]string{"apply", "--mode", "overwrite", p}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	after, _ := os.Stat(p)
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) || errOut.Len() > 0 {
		t.Errorf("an unchanged file was rewritten or reported: %q", errOut.String())
	}
}

func ExampleRun() {
	code := run([]string{"lookup", "Microsoft Graph/Calendars.ReadWrite.Shared"}, nil, os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// Microsoft Graph/Calendars.ReadWrite.Shared: Microsoft Graph Calendars.ReadWrite.Shared (delegated; consent: admin likely; privilege: UserAccess, level 2 of 5) 12466101-c9b8-439a-8589-dd09ee67e8e9: Read and write user and shared calendars
	// exit 0
}

// TestOffline asserts that the binary cannot reach the network: it must
// not link the net package or anything built on it.
func TestOffline(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "net", "net/http", "crypto/tls", "os/exec":
			t.Errorf("manifestpatch links %s", pkg)
		}
	}
}
