package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrintTerraform runs the real terraform fmt -check on what print
// --format terraform writes, inside an azuread_application resource: it
// is HCL, and formatted as Terraform formats it. terraform validate would
// need the azuread provider, which is not to be had offline.
func TestPrintTerraform(t *testing.T) {
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("skipping: terraform is not on PATH (it is not packaged in Debian); the Example of Catalog.Print pins the output")
	}
	for _, args := range [][]string{
		{"print", "--format", "terraform"},
		{"print", "--format", "terraform", "--scope", "graph/User.Read", "--role", "graph/Mail.Send", "--from", "../../testdata/portal-download.json", "--scope", "Exchange/EWS.AccessAsUser.All"},
	} {
		var out, stderr bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		var b strings.Builder
		b.WriteString("resource \"azuread_application\" \"app\" {\n  display_name = \"app\"\n\n")
		for _, line := range strings.SplitAfter(out.String(), "\n") {
			if strings.TrimSpace(line) != "" {
				b.WriteString("  ")
			}
			b.WriteString(line)
		}
		b.WriteString("}\n")
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "main.tf"), []byte(b.String()), 0o644)
		cmd := exec.Command(tf, "fmt", "-check", "-diff", "main.tf")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%v: terraform fmt -check: %v\n%s\n%s", args, err, msg, b.String())
		}
	}
}
