package data

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/internal/synth"
)

// 50,000 events in one file (36 MB) load under the command line's cap and
// are refused, naming the cap, under the default one.
func TestLargeSingleFile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 36 MB")
	}
	src := synth.Generate(50000, 1)
	fsys := fstest.MapFS{"big.toml": {Data: src}}
	_, err := Load(fsys, []string{"big.toml"})
	if err == nil || !strings.Contains(err.Error(), "big.toml: file too large (") || !strings.Contains(err.Error(), "see -max-input") {
		t.Fatalf("under the default cap: %v", err)
	}
	b, err := LoadWith(fsys, []string{"big.toml"}, Options{MaxFileSize: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) != 50000 || len(b.Chronology()) != 50000 {
		t.Errorf("got %d events", len(b.Events))
	}
}
