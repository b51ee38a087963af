package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// diagLines decodes stderr as JSON lines, failing on any other line.
func diagLines(t *testing.T, stderr string) []diag.JSON {
	t.Helper()
	var out []diag.JSON
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		var e diag.JSON
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("not a JSON diagnostic: %q: %v", line, err)
		}
		out = append(out, e)
	}
	return out
}

// watch -diagnostics json prints a failed build's errors as JSON lines,
// with file, line and column, and a strict build's warnings once each.
func TestWatchDiagnosticsJSON(t *testing.T) {
	dir := starterDir(t)
	dataFile := filepath.Join(dir, "data", "briefing.toml")
	orig := starterData(t)
	broken := bytes.Replace(orig, []byte(`date     = 2025-02-03`), []byte(`date     = "February"`), 1)
	if bytes.Equal(broken, orig) {
		t.Fatal("starter lacks the date to break")
	}
	if err := os.WriteFile(dataFile, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	w := &watcher{config: filepath.Join(dir, "config.toml"), diag: "json", stdout: &stdout, stderr: &stderr}
	if err := w.build(); err == nil {
		t.Fatal("a broken input built")
	}
	ds := diagLines(t, stderr.String())
	if len(ds) != 1 || ds[0].File != dataFile || ds[0].Line == 0 || ds[0].Col == 0 || ds[0].Severity != "error" || ds[0].Message == "" {
		t.Errorf("diagnostics %+v, want one error at a position in %s", ds, dataFile)
	}

	// A word too wide for the measure: warnings; strict, each once.
	loose := bytes.Replace(orig, []byte(`[[sections]]`), []byte("[[sections]]\nid = \"wide\"\ntitle = \"Wide\"\nbody = \"Short. "+strings.Repeat("x", 150)+" end.\"\n\n[[sections]]"), 1)
	if err := os.WriteFile(dataFile, loose, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	w.strict = true
	if err := w.build(); err == nil {
		t.Fatal("a strict build with warnings succeeded")
	}
	ds = diagLines(t, stderr.String())
	seen := map[string]bool{}
	warnings := 0
	for _, d := range ds[:len(ds)-1] {
		if d.Severity != "warning" || d.File != dataFile || d.Line == 0 {
			t.Errorf("%+v: want a warning at a position in %s", d, dataFile)
		}
		if seen[d.Message] {
			t.Errorf("warning printed twice: %s", d.Message)
		}
		seen[d.Message] = true
		warnings++
	}
	if last := ds[len(ds)-1]; warnings == 0 || last.Severity != "error" || !strings.Contains(last.Message, "strict mode") {
		t.Errorf("diagnostics %+v, want warnings, then the strict error", ds)
	}
}
