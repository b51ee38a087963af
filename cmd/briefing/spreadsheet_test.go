package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpreadsheetGuide runs the worked example of docs/spreadsheet.md and
// checks that what the guide quotes is what the program prints.
func TestSpreadsheetGuide(t *testing.T) {
	doc, err := os.ReadFile("../../docs/spreadsheet.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../docs/examples/spreadsheet")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("SOURCE_DATE_EPOCH", "")
	briefing := func(want int, args ...string) (string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != want {
			t.Fatalf("briefing %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, stdout.String(), stderr.String())
		}
		return stdout.String(), stderr.String()
	}
	quoted := func(out string) {
		t.Helper()
		if !bytes.Contains(doc, []byte("```\n"+out+"```\n")) {
			t.Errorf("the guide does not quote, in a block of its own:\n%s", out)
		}
	}

	// 3. Build, and read the errors.
	out, _ := briefing(0, "validate", ".")
	quoted(out)
	briefing(0, "build", "-q", ".")
	if _, err := os.Stat("briefing.pdf"); err != nil {
		t.Fatal(err)
	}
	events, err := os.ReadFile("data/events.csv")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(events), "RS-08,2024-03-15,", "RS-08,2024-03-32,", 1)
	broken = strings.Replace(broken, "Indirect contacts in Muscat,Badr Albusaidi,", "Indirect contacts in Muscat,Badr Al-Busaidi,", 1)
	if err := os.WriteFile("data/events.csv", []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := briefing(1, "validate")
	quoted(errs)
	if err := os.WriteFile("data/events.csv", events, 0o644); err != nil {
		t.Fatal(err)
	}

	// 4. -set, as the guide writes it (the shell takes the quotes).
	briefing(0, "build", "-q", "-set", "date=2024-07-05", "-set", "period.start=2024-04-01", "-set", "period.end=2024-06-30",
		"-set", "subtitle=Attacks, escorts and talks, April to June 2024", "-set", "cover.distribution=Internal", "-o", "q2.pdf", ".")
	if pdf, err := os.ReadFile("q2.pdf"); err != nil || !bytes.Contains(pdf, []byte("/CreationDate (D:20240705")) {
		t.Errorf("q2.pdf: %v; want the date set", err)
	}
	_, errs = briefing(2, "build", "-set", "date=2024-07-05", "-set", "cover.distributon=Internal", ".")
	line, _, _ := strings.Cut(errs, "\n")
	if !bytes.Contains(doc, []byte("```\n"+line+"\n```\n")) {
		t.Errorf("the guide does not quote %s", line)
	}

	// 6. From here on in TOML.
	briefing(0, "import", "data/events.csv", "-map", "config.toml", "-o", "data/events.toml")
	cfg, err := os.ReadFile("config.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte(`"data/events.csv"]`), []byte(`"data/events.toml"]`), 1)
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if again, _ := briefing(0, "validate"); again != out {
		t.Errorf("after import: %s; want %s", again, out)
	}
}
