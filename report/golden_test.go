package report_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/internal/synth"
	"github.com/briefing-pdf/briefing/report"
)

// updating reports whether -update was given (the flag is defined with
// the other golden files', in linebreaks_test.go).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenCreated is the fixed creation date of the golden outputs (as
// SOURCE_DATE_EPOCH=1700000000 gives the command).
var goldenCreated = time.Unix(1700000000, 0).UTC()

// TestGoldenOutputs keeps the SHA-256 of three PDFs: the built-in
// briefing, init's starter and a 1,000-event synthetic briefing. A change
// of the code that is meant to leave the output alone (a refactoring, a
// speed-up) must leave these hashes alone; a change meant to alter the
// output updates them on purpose with `go test ./report -run Golden -update`.
func TestGoldenOutputs(t *testing.T) {
	synthFS := fstest.MapFS{}
	for name, src := range synth.Files(1000, 1) {
		synthFS[name] = &fstest.MapFile{Data: src}
	}
	inputs := []struct {
		name string
		fsys fs.FS
	}{
		{"builtin", briefing.Builtin},
		{"starter", os.DirFS(filepath.Join("..", "cmd", "briefing", "starter"))},
		{"synthetic-1000", synthFS},
	}
	const file = "testdata/golden.sha256"
	want := map[string]string{}
	if src, err := os.ReadFile(file); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
			if f := strings.Fields(line); len(f) == 2 {
				want[f[1]] = f[0]
			}
		}
	} else if !updating() {
		t.Fatalf("%v (make it with -update)", err)
	}
	var out strings.Builder
	for _, in := range inputs {
		cfg, err := report.LoadConfig(in.fsys, "config.toml")
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		br, err := loadData(in.fsys, cfg)
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		pdf, err := buildPDF(br, cfg, in.fsys, report.Options{Created: goldenCreated})
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		sum := sha256.Sum256(pdf)
		got := hex.EncodeToString(sum[:])
		out.WriteString(got + "  " + in.name + "\n")
		if !updating() && want[in.name] != got {
			t.Errorf("%s: the PDF's SHA-256 is %s, want %s: the output changed (if on purpose, run with -update)", in.name, got, want[in.name])
		}
	}
	if updating() {
		if err := os.WriteFile(file, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
