package data

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestTextIsNFC checks that every string of the data is composed (NFC)
// when loaded, wherever it is written: a plain value, an array, an inline
// table, an array of tables, a multi-line string. A decomposed accent
// would be drawn beside its letter.
func TestTextIsNFC(t *testing.T) {
	const d = "e\u0301" // e + COMBINING ACUTE ACCENT
	src := strings.ReplaceAll(`
[briefing]
title    = "Caf@ talks"
date     = 2024-02-01
keywords = ["r@sum@", "na@ve"]
summary  = """
- **Judgment.** A multi-line caf@ [@ev].
"""

[[actors]]
id   = "a"
name = "Ren@ Dupont"
role = "D@l@gu@"

[[events]]
id      = "ev"
date    = 2023-05-01
title   = "Caf@ meeting"
actors  = ["a"]
quotes  = [{ text = "d@j@ vu", by = "a" }]
`, "@", d)
	b, err := LoadBytes("f.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{b.Meta.Title, b.Meta.Keywords[0], b.Meta.Summary, b.Actors[0].Name,
		b.Actors[0].Role, b.Events[0].Title, b.Events[0].Quotes[0].Text} {
		if !norm.NFC.IsNormalString(s) || strings.Contains(s, d) || !strings.Contains(s, "é") {
			t.Errorf("%q is not composed", s)
		}
	}
	if b.Meta.Title != "Café talks" {
		t.Errorf("title %q", b.Meta.Title)
	}
	// Positions stay those of the file as written: the byte column of
	// the decomposed text (composed, the line would be a byte shorter).
	bad := strings.Replace(src, `title   = "Caf`+d+` meeting"`, `title   = "Caf`+d+` meeting" nope = 1`, 1)
	_, err = LoadBytes("f.toml", []byte(bad))
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "f.toml:18:27:") {
		t.Errorf("error %v: want it at 18:27", err)
	}
}
