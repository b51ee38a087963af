package data

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// provPrefix is a data file's start, 21 lines long: the cases below append
// to it, so their first line is line 22. Two events cite each other so
// that neither is "cited nowhere".
const provPrefix = `[briefing]
title = "T"
date = 2024-01-15

[[actors]]
id = "envoy"
name = "The envoy"

[[sources]]
id = "src-1"
title = "S"
text_file = "texts/s1.txt"

[[events]]
id = "talks"
date = 2023-05-01
title = "Talks"
actors = ["envoy"]
sources = ["src-1"]
summary = "After the call [@call]."

`

// provText is src-1's text.
const provText = "The envoy said:\u00a0“We agreed on a schedule for the spring, and on nothing else.” Later: “The call was short.”\n"

// provLoad loads provPrefix + body, with src-1's text beside it.
func provLoad(body string) (*Briefing, error) {
	fsys := fstest.MapFS{
		"d/data.toml":    {Data: []byte(provPrefix + body)},
		"d/texts/s1.txt": {Data: []byte(provText)},
	}
	return Load(fsys, []string{"d/data.toml"})
}

const callEvent = `[[events]]
id = "call"
date = 2023-06-01
title = "Call"
sources = ["src-1"]
summary = "Before the talks? No: after [@talks]."
`

func lines(es Errors) []string {
	if len(es) == 0 {
		return nil
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Error()
	}
	return out
}

// Each rule's error, at the line and column of the value at fault.
func TestProvenanceErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "bad confidence",
			body: callEvent + "\n[[judgments]]\ntext = \"Talks went on [@talks].\"\nconfidence = \"moderat\"\n",
			want: []string{`d/data.toml:31:1: judgments[0]: confidence: invalid confidence "moderat" (did you mean "moderate"?): want "high", "moderate" or "low"`},
		},
		{
			name: "bad confidence in a middle judgment",
			body: callEvent + strings.Repeat("\n[[judgments]]\ntext = \"[@talks]\"\nconfidence = \"low\"\n", 1) +
				"\n[[judgments]]\ntext = \"[@talks]\"\nconfidence = \"certain\"\n" +
				"\n[[judgments]]\ntext = \"[@talks]\"\nconfidence = \"high\"\n",
			want: []string{`d/data.toml:35:1: judgments[1]: confidence: invalid confidence "certain": want "high", "moderate" or "low"`},
		},
		{
			name: "missing confidence",
			body: callEvent + "\n[[judgments]]\ntext = \"Talks went on [@talks].\"\n",
			want: []string{`d/data.toml:29:1: judgments[0]: missing required key "confidence"`},
		},
		{
			name: "bad source kind and reliability",
			body: callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"T2\"\nkind = \"opinon\"\nreliability = \"G\"\n",
			want: []string{
				`d/data.toml:32:1: sources[1] "src-2": kind: invalid kind "opinon" (did you mean "opinion"?): want one of "official", "news", "analysis", "academic", "opinion", "dataset", "other"`,
				`d/data.toml:33:1: sources[1] "src-2": reliability: invalid reliability "G": want an Admiralty grade, "A" (completely reliable) to "E" (unreliable), or "F" (cannot be judged)`,
			},
		},
		{
			name: "quotation not in the source's text",
			body: callEvent + "quotes = [{ text = \"We agreed on nothing\", by = \"envoy\" }]\n",
			want: []string{`d/data.toml:28:13: events[1] "call" quotes[0]: text: quotation not found verbatim in the text of source "src-1" (texts/s1.txt): no “We agreed on nothing”`},
		},
		{
			name: "narrative quotation not in the cited event's source",
			body: callEvent + "\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nbody = \"\"\"\nFirst paragraph [@talks].\n\nThe envoy spoke of “a schedule for the summer” [@call].\n\"\"\"\n",
			want: []string{`d/data.toml:35:20: sections[0] "s": body: quotation not found verbatim in the text of source "src-1" (texts/s1.txt): no “a schedule for the summer”`},
		},
		{
			name: "interval the wrong way round",
			body: callEvent + "\n[[events]]\nid = \"e\"\nnot_before = 2023-09-01\nnot_after = 2023-08-01\ntitle = \"E\"\n",
			want: []string{`d/data.toml:32:1: events[2] "e": not_after 2023-08-01 is before not_before 2023-09-01`},
		},
		{
			name: "interval with one end",
			body: callEvent + "\n[[events]]\nid = \"e\"\nnot_before = 2023-09-01\ntitle = \"E\"\n",
			want: []string{`d/data.toml:31:1: events[2] "e": not_before: not_after is missing; an interval of uncertainty needs both ends`},
		},
		{
			name: "date outside the interval, end and precision with it",
			body: callEvent + "\n[[events]]\nid = \"e\"\ndate = 2023-10-02\nend = 2023-10-03\nprecision = \"month\"\nnot_before = 2023-09-01\nnot_after = 2023-09-30\ntitle = \"E\"\n",
			want: []string{
				`d/data.toml:31:1: events[2] "e": date 2023-10-02 is outside the interval 2023-09-01 to 2023-09-30; leave date out or put it inside`,
				`d/data.toml:32:1: events[2] "e": end: an event dated by not_before and not_after has no end; give the interval in which it happened`,
				`d/data.toml:33:1: events[2] "e": precision: an event dated by not_before and not_after is dated to the day at both ends; leave precision out`,
			},
		},
		{
			name: "inferred without a note, and a bad basis value",
			body: callEvent + "basis = { date = \"inferred\", place = \"guessed\" }\n",
			want: []string{
				`d/data.toml:28:1: events[1] "call" basis: note: missing; say what the inferred date rests on`,
				`d/data.toml:28:30: events[1] "call" basis: place: invalid basis "guessed": want "stated" (the source says it) or "inferred"`,
			},
		},
		{
			name: "text file missing",
			body: callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"T2\"\ntext_file = \"texts/none.txt\"\n",
			want: []string{`d/data.toml:32:1: sources[1] "src-2": text_file "d/texts/none.txt": no such file`},
		},
		{
			name: "text file outside the config's directory",
			body: callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"T2\"\ntext_file = \"../../etc/passwd\"\n",
			want: []string{`d/data.toml:32:1: sources[1] "src-2": text_file: invalid path "../../etc/passwd": want a slash-separated path relative to this data file, inside the config's directory`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := provLoad(tc.body)
			if got := errorLines(t, err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// Each lint rule's warning, at its entry or word.
func TestProvenanceWarnings(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{
			name: "clean",
			body: callEvent + "quotes = [{ text = \"we agreed on a schedule … and on nothing else\", by = \"envoy\" }]\n" +
				"\n[[judgments]]\nconfidence = \"high\"\ntext = \"Talks will very likely go on [@talks].\"\n",
		},
		{
			name: "uncited event",
			body: callEvent + "\n[[events]]\nid = \"lost\"\ndate = 2023-07-01\ntitle = \"Lost\"\nsources = [\"src-1\"]\n",
			want: []string{`d/data.toml:29:1: events[2] "lost": cited nowhere: no [@lost] in the key judgments, the sections or another event's summary`},
		},
		{
			name: "an event citing itself is cited nowhere",
			body: callEvent + "\n[[events]]\nid = \"self\"\ndate = 2023-06-01\ntitle = \"Self\"\nsources = [\"src-1\"]\nsummary = \"See [@self] and [@talks].\"\n",
			want: []string{`d/data.toml:29:1: events[2] "self": cited nowhere: no [@self] in the key judgments, the sections or another event's summary`},
		},
		{
			name: "unused source",
			body: callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"Unused\"\n",
			want: []string{`d/data.toml:29:1: sources[1] "src-2": used by no event and cited nowhere`},
		},
		{
			name: "judgment without citation, non-standard likelihood terms",
			body: callEvent + "\n[[judgments]]\nconfidence = \"low\"\ntext = \"Talks are highly likely to resume; perhaps in May. Likely, too.\"\n",
			want: []string{
				`d/data.toml:29:1: judgments[0]: no citation: cite the events or sources the judgment rests on with [@id]`,
				`d/data.toml:31:19: judgments[0]: text: "highly likely" is not a standard likelihood term; the ICD 203 term is "very likely"`,
				`d/data.toml:31:44: judgments[0]: text: "perhaps" is not a standard likelihood term; say how likely with one of the ICD 203 terms: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain`,
			},
		},
		{
			name: "quotations without a source",
			body: "[[events]]\nid = \"call\"\ndate = 2023-06-01\ntitle = \"Call\"\nsummary = \"Said “hello”.\"\nquotes = [{ text = \"hello\", by = \"envoy\" }]\n" +
				"\n[[sections]]\nid = \"s\"\ntitle = \"S\"\nbody = \"A “scare quote” [@call].\\n\\nSee [@talks].\"\n",
			want: []string{
				`d/data.toml:26:17: events[1] "call": summary: quotation “hello” without a source: its event lists no sources and nothing in its paragraph is cited`,
				`d/data.toml:27:13: events[1] "call" quotes[0]: text: quotation without a source: its event lists no sources`,
				`d/data.toml:32:11: sections[0] "s": body: quotation “scare quote” without a source: nothing its paragraph cites lists a source`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := provLoad(tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(b.Warnings()); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			// One source throughout: the notice, never a warning.
			if n := lines(b.Notices()); len(n) != 1 || !strings.Contains(n[0], `d/data.toml:1:1: [briefing]: rests on one source, "src-1"`) {
				t.Errorf("notices %q", n)
			}
		})
	}
}

func TestTwoSourcesNoNotice(t *testing.T) {
	b, err := provLoad(callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"T2\"\nkind = \"news\"\n\n[[events]]\nid = \"e\"\ndate = 2023-01-01\ntitle = \"E\"\nsources = [\"src-2\"]\nsummary = \"[@call]\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if n := b.Notices(); len(n) != 0 {
		t.Errorf("notices %v", n)
	}
}

func TestFindQuotation(t *testing.T) {
	text := "He said: “I think it’s close.\u00a0 But not yet.  We go on.” Then he left."
	for _, c := range []struct {
		quote string
		ok    bool
		miss  string
	}{
		{"I think it's close.", true, ""},              // straight apostrophe for a curly one
		{"i think it’s close. But not yet.", true, ""}, // first letter's case; white space
		{"I think … We go on.", true, ""},
		{"I think [...] we go on", true, ""},
		{"I think … not yet … close", false, "close"}, // pieces must come in order
		{"I think it is close", false, "I think it is close"},
		{"We go on. Then he stayed.", false, "We go on. Then he stayed."},
	} {
		miss, ok := FindQuotation(text, c.quote)
		if ok != c.ok || miss != c.miss {
			t.Errorf("FindQuotation(%q) = %q, %v; want %q, %v", c.quote, miss, ok, c.miss, c.ok)
		}
	}
}

func TestIntervalDates(t *testing.T) {
	b, err := provLoad(callEvent + "\n[[events]]\nid = \"e\"\nnot_before = 2023-09-19\nnot_after = 2023-11-20\ntitle = \"E\"\nsummary = \"[@call]\"\nbasis = { date = \"inferred\", note = \"From the sequence.\" }\n")
	if err != nil {
		t.Fatal(err)
	}
	e := b.Event("e")
	if !e.Uncertain() || !e.Date.Equal(date(2023, 9, 19)) || !e.Last().Equal(date(2023, 11, 20)) {
		t.Errorf("date %v, interval %v–%v, last %v", e.Date, e.NotBefore, e.NotAfter, e.Last())
	}
	if e.Basis.Date != Inferred || e.Basis.Place != Stated || e.Basis.Note != "From the sequence." {
		t.Errorf("basis %+v", e.Basis)
	}
	for _, c := range []struct {
		from, to [3]int
		want     string
	}{
		{[3]int{2023, 9, 19}, [3]int{2023, 11, 20}, "between 19 September and 20 November 2023"},
		{[3]int{2023, 11, 20}, [3]int{2024, 1, 15}, "between 20 November 2023 and 15 January 2024"},
		{[3]int{2023, 5, 1}, [3]int{2023, 5, 4}, "between 1 and 4 May 2023"},
		{[3]int{2023, 9, 1}, [3]int{2023, 12, 31}, "September – December 2023"},
		{[3]int{2023, 9, 1}, [3]int{2023, 9, 30}, "September 2023"},
		{[3]int{2023, 1, 1}, [3]int{2023, 12, 31}, "2023"},
		{[3]int{2023, 1, 1}, [3]int{2024, 12, 31}, "2023–2024"},
	} {
		got := FormatInterval(date(c.from[0], timeMonth(c.from[1]), c.from[2]), date(c.to[0], timeMonth(c.to[1]), c.to[2]))
		if got != c.want {
			t.Errorf("FormatInterval(%v, %v) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestSourceFields(t *testing.T) {
	b, err := provLoad(callEvent + "\n[[sources]]\nid = \"src-2\"\ntitle = \"T2\"\nkind = \"official\"\nperspective = \"US government\"\nreliability = \"B\"\naccessed = 2024-01-10\n\n[[events]]\nid = \"e\"\ndate = 2023-01-01\ntitle = \"E\"\nsources = [\"src-2\"]\nsummary = \"[@call]\"\n")
	if err != nil {
		t.Fatal(err)
	}
	s := b.Source("src-2")
	if s.Kind != KindOfficial || s.Perspective != "US government" || s.Reliability != "B" || !s.Accessed.Equal(date(2024, 1, 10)) {
		t.Errorf("source %+v", s)
	}
	if s1 := b.Source("src-1"); s1.Text != provText || s1.TextFile != "texts/s1.txt" {
		t.Errorf("src-1 text %q from %q", s1.Text, s1.TextFile)
	}
}

// A data file given alone cannot name a text file: there is nothing
// beside it to read.
func TestLoadBytesTextFile(t *testing.T) {
	_, err := LoadBytes("x.toml", []byte(provPrefix+callEvent))
	got := errorLines(t, err)
	want := `x.toml:12:1: sources[0] "src-1": text_file "texts/s1.txt": cannot be read: the data file was given without the files beside it`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTextFiles(t *testing.T) {
	got := TextFiles("d/data.toml", []byte(provPrefix))
	if !reflect.DeepEqual(got, []string{"d/texts/s1.txt"}) {
		t.Errorf("TextFiles = %q", got)
	}
}

// The built-in briefing is clean: every quotation is in its source's text,
// and its one provenance finding is that it rests on one source.
func TestBuiltinProvenance(t *testing.T) {
	b, err := Load(os.DirFS("."), []string{"us-mediation-2023.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if w := b.Warnings(); len(w) != 0 {
		t.Errorf("warnings:\n%v", w)
	}
	if n := b.Notices(); len(n) != 1 || !strings.Contains(n[0].Msg, "rests on one source") {
		t.Errorf("notices: %v", n)
	}
	s := b.Source("us-main-mediator-2023")
	if s.Kind != KindOpinion || s.Perspective == "" || s.Text == "" {
		t.Errorf("source %+v", s)
	}
	if len(b.Judgments) == 0 {
		t.Error("no key judgments")
	}
	// The places the issue found invented are gone.
	for _, e := range b.Events {
		for _, bad := range []string{"Arlington", "Washington"} {
			if strings.Contains(e.Location, bad) {
				t.Errorf("event %s: location %q", e.ID, e.Location)
			}
		}
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
