package data

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// prefix is a valid start of a data file, 17 lines long; the cases below
// append to it, so their first line is line 18.
const prefix = `[briefing]
title = "T"
date = 2024-01-15

[[parties]]
id = "us"
name = "United States"

[[actors]]
id = "blinken"
name = "Antony Blinken"
party = "us"

[[sources]]
id = "src-1"
title = "S"

`

// errorLines returns the messages of an error from Load, failing the test
// when it is not an Errors value.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not Errors", err, err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Error()
	}
	return out
}

func TestLoadBytesErrors(t *testing.T) {
	tests := []struct {
		name string
		body string // appended to prefix unless raw
		raw  bool
		want []string
	}{
		{
			name: "syntax error",
			body: "[[events]]\nid = \"a\"\ntitle = \"unterminated\n",
			want: []string{`x.toml:20:22: strings cannot contain newlines`},
		},
		{
			name: "string date in the middle of three events",
			body: `[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events]]
id = "b"
date = "2023-05-02"
title = "B"

[[events]]
id = "c"
date = 2023-05-03
title = "C"
`,
			want: []string{`x.toml:25:1: events[1] "b": date: got string "2023-05-02"; want a date like 2023-05-01, without quotes`},
		},
		{
			name: "unknown key in the middle of three events",
			body: `[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events]]
id = "b"
date = 2023-05-02
title = "B"
  locaton = "Paris"

[[events]]
id = "c"
date = 2023-05-03
title = "C"
location = "Rome"
`,
			want: []string{`x.toml:27:3: events[1] "b": unknown key "locaton" (did you mean "location"?)`},
		},
		{
			name: "wrong types in the middle of three events",
			body: `[[events]]
id = "a"
date = 2023-05-01
title = "A"
key = true

[[events]]
id = "b"
date = 2023-05-02
title = 7
key = "yes"
actors = "blinken"

[[events]]
id = "c"
date = 2023-05-03
title = "C"
key = false
actors = ["blinken"]
`,
			want: []string{
				`x.toml:27:1: events[1] "b": title: got integer 7; want a string`,
				`x.toml:28:1: events[1] "b": key: got string "yes"; want true or false`,
				`x.toml:29:1: events[1] "b": actors: got string "blinken"; want an array of ids, like ["blinken"]`,
			},
		},
		{
			name: "date-times and times are not dates",
			body: `[[events]]
id = "a"
date = 2023-05-01T10:00:00
title = "A"

[[events]]
id = "b"
date = 2023-05-01T10:00:00+04:00
end = 10:00:00
title = "B"
`,
			want: []string{
				`x.toml:20:1: events[0] "a": date: got local date-time 2023-05-01T10:00:00; want a date like 2023-05-01`,
				`x.toml:25:1: events[1] "b": date: got date-time 2023-05-01T10:00:00+04:00; want a date like 2023-05-01`,
				`x.toml:26:1: events[1] "b": end: got time 10:00:00; want a date like 2023-05-01`,
			},
		},
		{
			name: "value syntax",
			body: `[[parties]]
id = "Bad_Id"
name = "X"
color = "#1f4e7"

[[sources]]
id = "src-2"
title = "S2"
url = "www.example.org"

[[sources]]
id = "src-3"
title = "S3"
url = "ftp://example.org/x"

[[events]]
id = "a"
date = 2023-05-01
title = "A"
precision = "days"
`,
			want: []string{
				`x.toml:19:1: parties[1]: id: invalid id "Bad_Id": want lowercase letters, digits and hyphens, starting with a letter or digit`,
				`x.toml:21:1: parties[1]: color: invalid colour "#1f4e7": want #rrggbb, like #1f4e79`,
				`x.toml:26:1: sources[1] "src-2": url: invalid URL "www.example.org": want an http or https URL with a host, like https://example.org/page`,
				`x.toml:31:1: sources[2] "src-3": url: invalid URL "ftp://example.org/x": want an http or https URL with a host, like https://example.org/page`,
				`x.toml:37:1: events[0] "a": precision: invalid precision "days": want "day", "month" or "year"`,
			},
		},
		{
			name: "array elements",
			raw:  true,
			body: `[briefing]
title = "T"
date = 2024-01-15
keywords = ["a", 2, true]
summary = 1.5
author = [1]
subtitle = { x = 1 }

[[events]]
id = "e"
date = 2023-05-01
title = "E"
actors = [
  "Blinken",
  3,
]
sources = 7
key = 2023-05-01
`,
			want: []string{
				`x.toml:4:18: [briefing]: keywords[1]: got integer 2; want a string`,
				`x.toml:4:21: [briefing]: keywords[2]: got boolean true; want a string`,
				`x.toml:5:1: [briefing]: summary: got float 1.5; want a string`,
				`x.toml:6:1: [briefing]: author: got array; want a string`,
				`x.toml:7:1: [briefing]: subtitle: got table; want a string`,
				`x.toml:14:3: events[0] "e": actors[0]: invalid id "Blinken": want lowercase letters, digits and hyphens, starting with a letter or digit`,
				`x.toml:15:3: events[0] "e": actors[1]: got integer 3; want an id`,
				`x.toml:17:1: events[0] "e": sources: got integer 7; want an array of ids`,
				`x.toml:18:1: events[0] "e": key: got date 2023-05-01; want true or false`,
			},
		},
		{
			name: "missing and empty required keys",
			body: `[[events]]
date = 2023-05-01

[[events]]
id = "b"
title = "  "

[[sections]]
id = "s"
`,
			want: []string{
				`x.toml:18:1: events[0]: missing required key "id"`,
				`x.toml:18:1: events[0]: missing required key "title"`,
				`x.toml:21:1: events[1] "b": missing required key "date"`,
				`x.toml:23:1: events[1] "b": title: must not be empty`,
				`x.toml:25:1: sections[0] "s": missing required key "title"`,
			},
		},
		{
			name: "duplicate ids and the shared citation namespace",
			body: `[[actors]]
id = "blinken"
name = "Again"

[[events]]
id = "src-1"
date = 2023-05-01
title = "A"

[[events]]
id = "e"
date = 2023-05-01
title = "E"

[[events]]
id = "e"
date = 2023-05-02
title = "E again"
`,
			want: []string{
				`x.toml:18:1: actors[1] "blinken": duplicate id; first defined at x.toml:9:1 (actors[0])`,
				`x.toml:22:1: events[0] "src-1": id already used at x.toml:14:1 (sources[0]); events and sources share the [@id] citation namespace`,
				`x.toml:32:1: events[2] "e": duplicate id; first defined at x.toml:27:1 (events[1])`,
			},
		},
		{
			name: "unresolved references with suggestions",
			body: `[[actors]]
id = "mirzoyan"
name = "Ararat Mirzoyan"
party = "am"

[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events]]
id = "munich-2023"
date = 2023-02-18
title = "Munich"
actors = ["mirzoyan", "blinkn"]
sources = ["src-1", "src-9", "zzz"]
quotes = [
  { text = "One", by = "blinken" },
  { text = "Two", by = "mirzoyn" },
]

[[events]]
id = "c"
date = 2023-05-03
title = "C"
`,
			want: []string{
				`x.toml:21:1: actors[1] "mirzoyan": unknown party "am"`,
				`x.toml:32:23: events[1] "munich-2023": unknown actor "blinkn" (did you mean "blinken"?)`,
				`x.toml:33:21: events[1] "munich-2023": unknown source "src-9" (did you mean "src-1"?)`,
				`x.toml:33:30: events[1] "munich-2023": unknown source "zzz"`,
				`x.toml:36:19: events[1] "munich-2023" quotes[1]: unknown actor "mirzoyn" (did you mean "mirzoyan"?)`,
			},
		},
		{
			name: "quotes as arrays of tables",
			body: `[[events]]
id = "a"
date = 2023-05-01
title = "A"

[[events.quotes]]
text = "One"
by = "blinken"

[[events.quotes]]
text = "Two"
by = "blinkn"
said = "x"

[[events]]
id = "b"
date = 2023-05-01
title = "B"

[[events.quotes]]
by = "blinken"
`,
			want: []string{
				`x.toml:29:1: events[0] "a" quotes[1]: unknown actor "blinkn" (did you mean "blinken"?)`,
				`x.toml:30:1: events[0] "a" quotes[1]: unknown key "said"`,
				`x.toml:37:1: events[1] "b" quotes[0]: missing required key "text"`,
			},
		},
		{
			name: "citations",
			body: `[[events]]
id = "a"
date = 2023-05-01
title = "A"
summary = "Cites [@src-1] and [@b], and [@sr-1; @a]; ` + "`[@in-code]`" + ` is code."

[[sections]]
id = "s"
title = "S"
body = """
Fine [@a].
Broken [@a, @src-1] and [@Bad].
Wrapped [@a;
@src-1].
"""
`,
			want: []string{
				`x.toml:22:31: events[0] "a": summary: citation of unknown event or source "b" (did you mean "a"?)`,
				`x.toml:22:41: events[0] "a": summary: citation of unknown event or source "sr-1" (did you mean "src-1"?)`,
				`x.toml:29:8: sections[0] "s": body: malformed citation "[@a, @src-1]"; want [@id] or [@id; @id]`,
				`x.toml:29:25: sections[0] "s": body: malformed citation "[@Bad]"; want [@id] or [@id; @id]`,
				`x.toml:30:9: sections[0] "s": body: malformed citation "[@a;": no "]" on the same line; want [@id] or [@id; @id] on one line`,
			},
		},
		{
			name: "citation positions in multi-line and escaped strings",
			raw:  true,
			body: `[briefing]
title = "T"
date = 2024-01-15
summary = """
Line \u0041 one [@x], \
    continued [@x].
"""

[[sections]]
id = "x"
title = "X [@x]"
body = '''
[@y]'''
`,
			want: []string{
				`x.toml:5:17: [briefing]: summary: citation of unknown event or source "x"`,
				`x.toml:6:15: [briefing]: summary: citation of unknown event or source "x"`,
				`x.toml:13:1: sections[0] "x": body: citation of unknown event or source "y"`,
			},
		},
		{
			name: "dates out of order",
			raw:  true,
			body: `[briefing]
title = "T"
date = 2024-01-15
period = { start = 2023-12-31, end = 2023-01-01 }

[[events]]
id = "a"
date = 2023-05-04
end = 2023-05-01
title = "A"

[[events]]
id = "b"
date = 2023-05-04
end = 0001-01-01
title = "B"
`,
			want: []string{
				`x.toml:4:32: [briefing] period: end 2023-01-01 is before start 2023-12-31`,
				`x.toml:9:1: events[0] "a": end 2023-05-01 is before date 2023-05-04`,
				`x.toml:15:1: events[1] "b": end: date 0001-01-01 is out of range; want a date from 1000-01-01 to 9999-12-31`,
			},
		},
		{
			name: "structure",
			raw:  true,
			body: `notes = "x"

[[briefing]]
title = "T"

[events]
id = "a"
`,
			want: []string{
				`x.toml: no [briefing] table; give it in exactly one data file`,
				`x.toml:1:1: unknown key "notes"`,
				`x.toml:3:1: briefing: got array of tables; want a table [briefing]`,
				`x.toml:6:1: events: got table; want an array of tables [[events]]`,
			},
		},
		{
			name: "missing briefing keys",
			raw:  true,
			body: "[briefing]\nsubtitle = 3\nperiod = { start = 2023-01-01 }\n",
			want: []string{
				`x.toml:1:1: [briefing]: missing required key "date"`,
				`x.toml:1:1: [briefing]: missing required key "title"`,
				`x.toml:2:1: [briefing]: subtitle: got integer 3; want a string`,
				`x.toml:3:1: [briefing] period: missing required key "end"`,
			},
		},
		{
			name: "nesting too deep",
			raw:  true,
			body: "a = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
			want: []string{`x.toml:1:69: arrays and inline tables nest more than 64 deep`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.body
			if !tt.raw {
				src = prefix + src
			}
			b, err := LoadBytes("x.toml", []byte(src))
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			if b != nil {
				t.Errorf("got a briefing with the errors")
			}
			got := errorLines(t, err)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadBytesTooLarge(t *testing.T) {
	_, err := LoadBytes("big.toml", make([]byte, maxFileSize+1))
	if got := errorLines(t, err); len(got) != 1 || !strings.HasPrefix(got[0], "big.toml: file too large") {
		t.Errorf("errors %q", got)
	}
}

func TestLoadFixture(t *testing.T) {
	b, err := Load(os.DirFS("testdata"), []string{"valid.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "Test briefing" || b.Meta.Subtitle != `A literal subtitle with a \backslash` {
		t.Errorf("meta %+v", b.Meta)
	}
	if want := date(2024, 1, 15); !b.Meta.Date.Equal(want) || b.Meta.Date.Location() != time.UTC {
		t.Errorf("date %v, want %v UTC", b.Meta.Date, want)
	}
	if p := b.Meta.Period; p == nil || !p.Start.Equal(date(2023, 1, 1)) || !p.End.Equal(date(2023, 12, 31)) {
		t.Errorf("period %+v", p)
	}
	if got := strings.Join(b.Meta.Keywords, ","); got != "mediation,caucasus" {
		t.Errorf("keywords %q", got)
	}
	if len(b.Parties) != 2 || len(b.Actors) != 3 || len(b.Sources) != 2 || len(b.Events) != 3 || len(b.Sections) != 1 {
		t.Fatalf("counts %d %d %d %d %d", len(b.Parties), len(b.Actors), len(b.Sources), len(b.Events), len(b.Sections))
	}
	if c := b.Parties[0].Color; c != (Color{R: 0x1f, G: 0x4e, B: 0x79, Set: true}) || c.String() != "#1f4e79" {
		t.Errorf("colour %+v", c)
	}
	if b.Parties[1].Color.Set {
		t.Errorf("unset colour is set")
	}
	if b.Parties[0].Pos != (Pos{File: "valid.toml", Line: 17, Col: 1}) {
		t.Errorf("party pos %+v", b.Parties[0].Pos)
	}
	e := b.Event("round-1")
	if e == nil {
		t.Fatal("no event round-1")
	}
	if !e.Date.Equal(date(2023, 5, 1)) || !e.End.Equal(date(2023, 5, 4)) || e.Precision != Day || !e.Key {
		t.Errorf("event %+v", e)
	}
	if e.Kind != "negotiation" || e.Track != "armenia-azerbaijan" || e.Location != "Arlington, Virginia" {
		t.Errorf("event words %+v", e)
	}
	if len(e.Quotes) != 2 || e.Quotes[1].Text != "Still work to do" || e.Quotes[1].By != "mirzoyan" {
		t.Errorf("quotes %+v", e.Quotes)
	}
	if e.Summary != "Talks at the Foreign Service Institute [@state-1].\n" {
		t.Errorf("summary %q", e.Summary)
	}
	if got := b.Event("call-jan"); got.Precision != Month || len(got.Quotes) != 1 || got.Quotes[0].By != "blinken" {
		t.Errorf("call-jan %+v", got)
	}
	if got := b.Event("year-2023").Precision; got != Year {
		t.Errorf("year-2023 precision %v", got)
	}
	if got := b.Source("state-1"); got.URL != "https://www.state.gov/readout" || !got.Date.Equal(date(2023, 5, 4)) {
		t.Errorf("source %+v", got)
	}
	if b.Actor("observer").Party != "" || b.Party("am").Name != "Armenia" {
		t.Errorf("lookups")
	}
	if got := Citations(b.Sections[0].Body); len(got) != 2 || got[0] != "round-1" || got[1] != "call-jan" {
		t.Errorf("section citations %q", got)
	}
	if len(b.Files) != 1 || b.Files[0] != "valid.toml" {
		t.Errorf("files %q", b.Files)
	}
}

func TestLoadBuiltinDataset(t *testing.T) {
	// The repository's own dataset must load (it is written in parallel;
	// skip while it is absent).
	if _, err := os.Stat("us-mediation-2023.toml"); err != nil {
		t.Skip("dataset not present")
	}
	b, err := Load(os.DirFS("."), []string{"us-mediation-2023.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Events) == 0 {
		t.Error("no events")
	}
}

func TestLoadMultipleFiles(t *testing.T) {
	fsys := os.DirFS("testdata")
	b, err := Load(fsys, []string{"multi/people.toml", "multi/events.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if b.Meta.Title != "Split briefing" || len(b.Actors) != 1 || len(b.Events) != 1 {
		t.Fatalf("merged %+v", b)
	}
	if b.Events[0].Pos.File != "multi/events.toml" || b.Actors[0].Pos.File != "multi/people.toml" {
		t.Errorf("positions %+v %+v", b.Events[0].Pos, b.Actors[0].Pos)
	}
	if got := b.Events[0].DateString(); got != "27 June – 1 July 2023" {
		t.Errorf("date %q", got)
	}

	_, err = Load(fsys, []string{"multi/people.toml", "multi/events.toml", "multi/dup.toml", "nope.toml", "multi"})
	want := []string{
		`multi: is a directory, not a file`,
		`multi/dup.toml:1:1: [briefing] appears again (first in multi/events.toml:1:1); give it in exactly one data file`,
		`multi/dup.toml:5:1: actors[0] "blinken": duplicate id; first defined at multi/people.toml:5:1 (actors[0])`,
		`multi/dup.toml:9:1: sources[0] "visit": id already used at multi/events.toml:9:1 (events[0]); events and sources share the [@id] citation namespace`,
		`nope.toml: no such file`,
	}
	if got := errorLines(t, err); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A broken file is reported alone, without the references into it.
	_, err = Load(fstest.MapFS{
		"people.toml": {Data: []byte("[[actors]]\nid = \"blinken\"\nname = \"Antony Blinken\"\nrole = \"Secretary\n")},
		"events.toml": {Data: []byte("[briefing]\ntitle = \"T\"\ndate = 2024-01-15\n\n[[events]]\nid = \"a\"\ndate = 2023-05-01\ntitle = \"A\"\nactors = [\"blinken\"]\n")},
	}, []string{"people.toml", "events.toml"})
	if got := errorLines(t, err); len(got) != 1 || got[0] != "people.toml:4:18: strings cannot contain newlines" {
		t.Errorf("errors %q", got)
	}

	// No [briefing] in any file.
	_, err = Load(fsys, []string{"multi/people.toml"})
	if got := errorLines(t, err); len(got) != 1 || got[0] != "multi/people.toml: no [briefing] table; give it in exactly one data file" {
		t.Errorf("errors %q", got)
	}
	_, err = Load(fstest.MapFS{
		"a.toml": {Data: []byte("[[parties]]\nid = \"x\"\nname = \"X\"\n")},
		"b.toml": {Data: []byte("")},
	}, []string{"a.toml", "b.toml"})
	if got := errorLines(t, err); len(got) != 1 || got[0] != "a.toml: no [briefing] table in any data file; give it in exactly one" {
		t.Errorf("errors %q", got)
	}
}

func TestLoadPaths(t *testing.T) {
	fsys := fstest.MapFS{"ok.toml": {Data: []byte("[briefing]\ntitle = \"T\"\ndate = 2024-01-01\n")}}
	for _, tt := range []struct {
		paths []string
		want  string
	}{
		{nil, "no data files given"},
		{[]string{"../ok.toml"}, `../ok.toml: invalid path "../ok.toml": want a slash-separated path relative to the config, without . or .. elements`},
		{[]string{"/ok.toml"}, `/ok.toml: invalid path "/ok.toml": want a slash-separated path relative to the config, without . or .. elements`},
	} {
		_, err := Load(fsys, tt.paths)
		if got := errorLines(t, err); len(got) != 1 || got[0] != tt.want {
			t.Errorf("Load(%q): %q, want %q", tt.paths, got, tt.want)
		}
	}
	if _, err := Load(fsys, []string{"ok.toml"}); err != nil {
		t.Errorf("Load(ok.toml): %v", err)
	}
}

func TestLoadErrorsAreSorted(t *testing.T) {
	// Problems found in different passes (decoding, ids, references) come
	// back in file position order.
	src := prefix + `[[events]]
id = "a"
date = 2023-05-01
title = "A"
actors = ["nobody"]
bogus = 1

[[events]]
id = "a"
date = "x"
title = "A"
`
	_, err := LoadBytes("x.toml", []byte(src))
	var es Errors
	if !errors.As(err, &es) || len(es) != 4 {
		t.Fatalf("errors %v", err)
	}
	for i := 1; i < len(es); i++ {
		if es[i-1].Line > es[i].Line {
			t.Errorf("unsorted: %v before %v", es[i-1], es[i])
		}
	}
	if es.Err() == nil || (Errors{}).Err() != nil {
		t.Error("Errors.Err")
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
