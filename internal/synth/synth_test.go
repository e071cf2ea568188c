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
