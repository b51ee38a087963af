package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
)

// paraText is a paragraph's text, its lines joined by spaces.
func paraText(p *paraElem) string {
	var parts []string
	for _, l := range p.lines {
		parts = append(parts, fullText(l))
	}
	return strings.Join(parts, " ")
}

// TestProvenanceGolden pins what the built-in briefing says about its own
// provenance: the key judgments with their confidence tags, the source
// card with its one-source warning, the methodology note, the key to the
// daggers and every chronology row that carries one. `go test ./report
// -run ProvenanceGolden -update` accepts a change.
func TestProvenanceGolden(t *testing.T) {
	b := builtin(t)
	lay := laidOut(t, b, DefaultConfig(), briefing.Builtin)
	var out strings.Builder
	for _, e := range lay.d.elems {
		switch e := e.(type) {
		case *paraElem:
			w := e.where.What
			if strings.HasPrefix(w, "judgment ") || w == "source card" || w == "methodology note" || w == "chronology key" {
				fmt.Fprintf(&out, "[%s] %s\n", w, paraText(e))
			}
		case *tableElem:
			if e.where.What != "chronology" {
				continue
			}
			for _, row := range e.rows[1:] {
				var cells []string
				marked := false
				for _, c := range row {
					var ps []string
					for _, p := range c.paras {
						ps = append(ps, paraText(p))
					}
					s := strings.Join(ps, " / ")
					marked = marked || strings.Contains(s, dagger)
					cells = append(cells, s)
				}
				if marked {
					// Date, the event's title and basis note, actors, location.
					note := ""
					if ps := row[1].paras; len(ps) > 1 {
						note = paraText(ps[len(ps)-1])
					}
					fmt.Fprintf(&out, "[chronology] %s | %s | %s | %s | %s\n", paraText(row[0].paras[0]), paraText(row[1].paras[0]), note, cells[2], cells[3])
				}
			}
		}
	}
	got := out.String()
	file := filepath.Join("testdata", "provenance.golden")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("provenance blocks differ from %s (run with -update if the change is intended):\n%s", file, got)
	}
	for _, s := range []string{
		"[judgment 1] Moderate confidence. ",
		"[judgment 3] Low confidence. ",
		"[source card] Caution: this briefing rests on one source, an opinion piece.",
		"[source card] Sourcing: 1 source, an opinion piece.",
		"[chronology] between 19 September and 20 November 2023" + dagger,
	} {
		if !strings.Contains(got, s) {
			t.Errorf("no %q in:\n%s", s, got)
		}
	}
}

// provBriefing loads a small briefing whose sources are of the given kinds.
func provBriefing(t *testing.T, kinds ...string) *data.Briefing {
	t.Helper()
	var src strings.Builder
	src.WriteString("[briefing]\ntitle = \"T\"\ndate = 2024-01-15\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\n")
	for i, k := range kinds {
		fmt.Fprintf(&src, "[[sources]]\nid = \"s%d\"\ntitle = \"Source %d\"\n", i, i)
		if k != "" {
			fmt.Fprintf(&src, "kind = %q\n", k)
		}
		fmt.Fprintf(&src, "\n[[events]]\nid = \"e%d\"\ndate = 2023-0%d-01\ntitle = \"E%d\"\nactors = [\"a\"]\nsources = [\"s%d\"]\n\n", i, i+1, i, i)
	}
	b, err := data.LoadBytes("data.toml", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSourceCard(t *testing.T) {
	for _, c := range []struct {
		kinds          []string
		count, warning string
		items          int
	}{
		{[]string{"opinion"}, "1 source, an opinion piece.", "this briefing rests on one source, an opinion piece. Nothing in it is corroborated by a second source, and its facts are as the author presents them.", 1},
		{[]string{"official"}, "1 source, an official document.", "this briefing rests on one source. Nothing in it is corroborated by a second source.", 1},
		{[]string{""}, "1 source, its kind not stated.", "this briefing rests on one source. Nothing in it is corroborated by a second source.", 1},
		{[]string{"opinion", "opinion"}, "2 sources — 2 opinion pieces.", "every source of this briefing is an opinion piece; its facts are as their authors present them.", 2},
		{[]string{"opinion", "news", "official", "news"}, "4 sources — 1 official document, 2 news reports and 1 opinion piece.", "", 0},
	} {
		d := &doc{b: provBriefing(t, c.kinds...)}
		card := d.sourceCardLines()
		if card.count != c.count || card.warning != c.warning || len(card.items) != c.items {
			t.Errorf("%v: card %q / %q / %d items; want %q / %q / %d", c.kinds, card.count, card.warning, len(card.items), c.count, c.warning, c.items)
		}
	}
}

// The methodology note is written from the data: its counts follow it.
func TestMethodologyFromData(t *testing.T) {
	d := &doc{b: provBriefing(t, "news", "official")}
	var text []string
	for _, m := range d.methodology() {
		text = append(text, m[0]+m[1])
	}
	got := strings.Join(text, " ")
	for _, s := range []string{
		"the chronology lists 2 events.",
		"1 actor takes part in events.",
		"of the events, 2 to the day.",
		"Every date, place and list of actors is as a source states it.",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("methodology lacks %q:\n%s", s, got)
		}
	}
	if strings.Contains(got, "confidence") || strings.Contains(got, "Quotations") {
		t.Errorf("methodology speaks of judgments or quotations the data does not have:\n%s", got)
	}
}

// Build reports the data's warnings and notices; -strict fails on the
// warnings only.
func TestBuildProvenanceWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\n")},
		"data.toml": {Data: []byte("[briefing]\ntitle = \"T\"\ndate = 2024-01-15\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n\n" +
			"[[events]]\nid = \"e\"\ndate = 2023-05-01\ntitle = \"E\"\nactors = [\"a\"]\nsources = [\"s\"]\n\n" +
			"[[judgments]]\nconfidence = \"low\"\ntext = \"Talks resumed [@e].\"\n")},
	}
	b, cfg := loadFS(t, fsys, "config.toml")
	_, warns, err := buildPDF(b, cfg, fsys, Options{Strict: true})
	if err != nil {
		t.Fatalf("strict build with only a notice: %v", err)
	}
	if len(warns) == 0 || !warns[0].Notice || warns[0].String() != `data.toml:1:1: [briefing]: rests on one source, "s": every claim stands or falls with it` {
		t.Errorf("warnings %v", warns)
	}

	fsys["data.toml"] = &fstest.MapFile{Data: append(fsys["data.toml"].Data, "\n[[events]]\nid = \"lost\"\ndate = 2023-06-01\ntitle = \"L\"\nsources = [\"s\"]\n"...)}
	b, cfg = loadFS(t, fsys, "config.toml")
	pdf, _, err := buildPDF(b, cfg, fsys, Options{Strict: true})
	var se *StrictError
	if !errors.As(err, &se) || pdf != nil {
		t.Fatalf("strict build: %v", err)
	}
	if len(se.Warnings) != 1 || !strings.HasPrefix(se.Warnings[0].String(), `data.toml:24:1: events[1] "lost": cited nowhere`) {
		t.Errorf("strict warnings %v", se.Warnings)
	}
}
