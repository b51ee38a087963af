package data

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// FuzzLoad checks that no input makes the loader panic or hang, that it
// returns either a briefing or a non-empty, sorted Errors value, and that
// every error names the file and has a sensible position.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"testdata/valid.toml", "testdata/multi/events.toml", "testdata/multi/dup.toml", "us-mediation-2023.toml"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(prefix + "[[events]]\nid = \"a\"\ndate = \"2023-05-01\"\ntitle = 1\nactors = [\"x\"]\n"))
	f.Add([]byte("[briefing]\ntitle = \"\"\"\nmulti\n\"\"\"\ndate = 2024-01-15T10:00:00Z\nperiod = {start = 2023-01-01}\n"))
	f.Add([]byte("a = [[[{b = [1, {c = 'x'}]}]]]\n[x.y]\n[[x.y.z]]\n"))
	f.Add([]byte("\x00\xff\xfe[[\"\\u0000\"]]\n"))
	f.Add([]byte(strings.Repeat("[", 70)))
	f.Add([]byte(`events = [{id = "a", date = 2023-01-01, title = "t", quotes = [{text = "q", by = "b"}]}]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		b, err := LoadBytes("f.toml", src)
		if (b == nil) == (err == nil) {
			t.Fatalf("briefing %v and error %v", b != nil, err)
		}
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T %v", err, err)
			}
			lines := strings.Count(string(src), "\n") + 1
			for _, e := range es {
				if e.File != "f.toml" || e.Line < 0 || e.Line > lines || e.Col < 0 || e.Msg == "" {
					t.Fatalf("bad error %+v (input has %d lines)", e, lines)
				}
			}
			return
		}
		// A valid briefing has its views and every reference resolves.
		b.Chronology()
		b.Window()
		for _, e := range b.Events {
			for _, a := range e.Actors {
				if b.Actor(a) == nil {
					t.Fatalf("unresolved actor %q", a)
				}
			}
			if !e.End.IsZero() && e.End.Before(e.Date) {
				t.Fatalf("end before date in %q", e.ID)
			}
			_ = e.DateString()
		}
	})
}

// genEvents writes a data file with n events, each with actors, a quote,
// a source and a citation.
func genEvents(n int) []byte {
	var s strings.Builder
	s.WriteString("[briefing]\ntitle = \"Generated\"\ndate = 2024-01-15\nsummary = \"\"\"\nSee [@ev-0] and [@src-1].\n\"\"\"\n\n")
	s.WriteString("[[parties]]\nid = \"us\"\nname = \"United States\"\ncolor = \"#1f4e79\"\n\n")
	for i := range 20 {
		fmt.Fprintf(&s, "[[actors]]\nid = \"actor-%d\"\nname = \"Actor %d\"\nparty = \"us\"\n\n", i, i)
	}
	for i := range 50 {
		fmt.Fprintf(&s, "[[sources]]\nid = \"src-%d\"\ntitle = \"Source %d\"\nurl = \"https://example.org/%d\"\ndate = 2023-01-01\n\n", i, i, i)
	}
	for i := range n {
		fmt.Fprintf(&s, `[[events]]
id = "ev-%d"
date = 2023-%02d-%02d
title = "Event %d"
kind = "meeting"
track = "track-%d"
actors = ["actor-%d", "actor-%d"]
summary = """
Something happened [@src-%d]; before it, [@ev-%d].
"""
quotes = [{ text = "A quote", by = "actor-%d" }]
sources = ["src-%d"]

`, i, 1+i%12, 1+i%28, i, i%4, i%20, (i+7)%20, i%50, i/2, i%20, i%50)
	}
	return []byte(s.String())
}

func TestGeneratedFile(t *testing.T) {
	b, err := LoadBytes("gen.toml", genEvents(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) != 100 || len(b.ActorFrequency()) != 20 || len(b.TrackCounts()) != 4 {
		t.Errorf("events %d, actors %d, tracks %d", len(b.Events), len(b.ActorFrequency()), len(b.TrackCounts()))
	}
	if e := b.Events[57]; e.Pos.Line == 0 || e.ID != "ev-57" {
		t.Errorf("event 57: %+v", e)
	}
}

func BenchmarkLoad(b *testing.B) {
	src := genEvents(1000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadBytes("gen.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzCitations checks that citation scanning never panics, that every id
// it returns is well formed, and that ParseCitation agrees with it.
func FuzzCitations(f *testing.F) {
	for _, s := range []string{"[@a]", "x [@a; @b] `[@c]` \\[@d]", "```\n[@a]\n```\n[@b", "[@a\n]", "``[@a]`` ``"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		for _, c := range scanCitations(md) {
			if c.offset < 0 || c.offset+len(c.text) > len(md) || md[c.offset:c.offset+len(c.text)] != c.text {
				t.Fatalf("citation %+v does not match the text", c)
			}
			if c.unclosed {
				if c.ok || strings.Contains(c.text, "\n") || !strings.HasPrefix(c.text, "[@") {
					t.Fatalf("unclosed citation %+v", c)
				}
				continue
			}
			ids, ok := ParseCitation(c.text[1 : len(c.text)-1])
			if ok != c.ok || (ok && len(ids) != len(c.ids)) {
				t.Fatalf("ParseCitation disagrees on %q", c.text)
			}
		}
		for _, id := range Citations(md) {
			if !validID(string(id)) {
				t.Fatalf("invalid id %q", id)
			}
		}
	})
}
