package synth

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestManifest(t *testing.T) {
	for _, size := range []int{256 << 10, 1 << 20} {
		src := Manifest(size)
		if !json.Valid(src) {
			t.Fatalf("Manifest(%d) is not valid JSON", size)
		}
		if !bytes.Equal(src, Manifest(size)) {
			t.Fatalf("Manifest(%d) differs between calls", size)
		}
		if len(src) < size || len(src) > size+size/16 {
			t.Errorf("Manifest(%d) is %d bytes", size, len(src))
		}
		if n := bytes.Count(src, []byte(`"url": `)); n != ReplyURLs {
			t.Errorf("Manifest(%d) has %d reply URLs; want %d", size, n, ReplyURLs)
		}
	}
}

func TestManyPermissions(t *testing.T) {
	const size = 1 << 20
	src := ManyPermissions(size)
	var m struct {
		RequiredResourceAccess []struct {
			ResourceAccess []struct{ ID, Type string }
		}
	}
	if err := json.Unmarshal(src, &m); err != nil {
		t.Fatalf("ManyPermissions(%d) is not valid JSON: %v", size, err)
	}
	if len(src) > size || len(src) < size-128 {
		t.Errorf("ManyPermissions(%d) is %d bytes", size, len(src))
	}
	if n := len(m.RequiredResourceAccess[0].ResourceAccess); n < size/64 {
		t.Errorf("ManyPermissions(%d) has %d permissions", size, n)
	}
}
