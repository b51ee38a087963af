package typeset

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBreakNoteMarkerStaysWithWord(t *testing.T) {
	body := Style{Font: "f", Size: 1}
	note := Style{Font: "f", Size: 0.5, Rise: 0.4, Tag: "note 3"}
	// At measure 10 "aaaa bbbb" fills the first line; the marker must go
	// down with "bbbb", not stay or start a line alone, and a space before
	// it does not break either.
	for _, runs := range [][]Run{
		{{"aaaa bbbb", body}, {"3", note}, {" cc dd", body}},
		{{"aaaa bbbb ", body}, {"3", note}, {" cc dd", body}},
	} {
		p := Paragraph{Runs: runs, Width: 9.2, Align: Left}
		lines := Break(p, fixed{}, DefaultSettings())
		for _, l := range lines {
			if f := l.Fragments[0]; f.Style.Rise != 0 {
				t.Errorf("%q: a line starts with the note marker", texts(lines))
			}
		}
		// The marker is its own fragment, in its own style, after bbbb.
		var found bool
		for _, l := range lines {
			for k, f := range l.Fragments {
				if f.Text == "3" {
					found = true
					if f.Style.Tag != "note 3" || k == 0 || l.Fragments[k-1].Text != "bbbb" {
						t.Errorf("marker fragment %+v in line %q", f, texts([]Line{l}))
					}
					if runs[0].Text == "aaaa bbbb" && f.X != l.Fragments[k-1].X+4 {
						t.Errorf("marker at %v, want right after bbbb at %v", f.X, l.Fragments[k-1].X+4)
					}
				}
			}
		}
		if !found {
			t.Errorf("%q: no marker", texts(lines))
		}
	}
}

func TestBreakNoBreakSpace(t *testing.T) {
	// "No. 5" would naturally break after "No." at measure 8.
	p := plain("aaa No.\u00a05 bbbbbb cc", 8)
	p.Align = Left
	lines := Break(p, fixed{}, DefaultSettings())
	for _, l := range lines {
		if n := len(l.Fragments); n > 0 && l.Fragments[n-1].Text == "No." {
			t.Errorf("break at a no-break space: %q", texts(lines))
		}
	}
	if got := texts(lines); got[0] != "aaa" {
		t.Errorf("lines %q, want \"aaa\" first", got)
	}
	// The no-break space is a space: "No." and "5" are two fragments one
	// space apart.
	l := lines[1]
	if l.Fragments[0].Text != "No." || l.Fragments[1].Text != "5" || l.Fragments[1].X != 4 {
		t.Errorf("line %q fragments %+v", texts([]Line{l}), l.Fragments)
	}
}

func TestBreakURL(t *testing.T) {
	url := "https://example.org/reports/2024/annual-summary.html"
	p := plain("see "+url+" now", 20)
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	lines := Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	var joined string
	for _, l := range lines {
		if l.Overfull || l.Hyphen {
			t.Errorf("line %q: overfull %v hyphen %v", texts([]Line{l}), l.Overfull, l.Hyphen)
		}
		for _, f := range l.Fragments {
			joined += f.Text
		}
		// Breaks inside the URL fall after '/', '.' or '-' and never
		// between the two slashes of "https://".
		if n := len(l.Fragments); n > 0 && !l.Last {
			last := l.Fragments[n-1].Text
			if c := last[len(last)-1]; !strings.ContainsRune("/.-", rune(c)) && last != "see" && !strings.HasSuffix(url, last) {
				t.Errorf("line ends in %q", last)
			}
			if strings.HasSuffix(last, ":/") {
				t.Errorf("break between the slashes: %q", texts(lines))
			}
		}
	}
	if joined != "see"+url+"now" {
		t.Errorf("text %q", joined)
	}
	if len(lines) < 3 {
		t.Errorf("lines %q: want the URL broken", texts(lines))
	}
}

func TestBreakLongWord(t *testing.T) {
	s := DefaultSettings()
	// Longer than the measure by more than the overfull tolerance: cut
	// between characters, no line past the measure.
	p := plain("ab "+strings.Repeat("x", 25)+" cd", 10)
	lines := Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	for _, l := range lines {
		if l.Overfull || l.Width > 10 {
			t.Errorf("line %q width %v overfull %v", texts([]Line{l}), l.Width, l.Overfull)
		}
	}
	// Longer by less than the tolerance: one overfull line, marked, and
	// the word kept whole.
	p = plain("ab "+strings.Repeat("x", 10)+" cd", 10)
	p.Runs[0].Style.Size = 1.05 // "xxxxxxxxxx" is 10.5 wide
	lines = Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	got := texts(lines)
	if !equalStrings(got, []string{"ab", "xxxxxxxxxx", "cd"}) || !lines[1].Overfull || lines[0].Overfull {
		t.Errorf("lines %q, overfull %v %v", got, lines[0].Overfull, lines[1].Overfull)
	}
	// A single character wider than the measure: overfull, alone.
	p = plain("a W b", 0.5)
	lines = Break(p, fixed{}, s)
	if got := texts(lines); !equalStrings(got, []string{"a", "W", "b"}) || !lines[1].Overfull {
		t.Errorf("lines %q", got)
	}
}

func TestBreakExplicitHyphenAndDash(t *testing.T) {
	s := DefaultSettings()
	p := plain("aaaa well-known bb", 11)
	lines := Break(p, fixed{}, s)
	if got := texts(lines); !equalStrings(got, []string{"aaaa well-", "known bb"}) {
		t.Fatalf("lines %q", got)
	}
	if lines[0].Hyphen {
		t.Error("an explicit hyphen is not an inserted one")
	}
	p = plain("aaaa yes\u2014no bb", 9)
	lines = Break(p, fixed{}, s)
	if got := texts(lines); !equalStrings(got, []string{"aaaa yes\u2014", "no bb"}) {
		t.Fatalf("lines %q", got)
	}
	// A compound split across runs still breaks after its hyphen.
	st := Style{Font: "f", Size: 1}
	em := Style{Font: "i", Size: 1}
	p = Paragraph{Runs: []Run{{"aaaa well-", st}, {"known", em}, {" bb", st}}, Width: 11}
	lines = Break(p, fixed{}, s)
	if got := texts(lines); !equalStrings(got, []string{"aaaa well-", "known bb"}) {
		t.Errorf("across runs: lines %q", got)
	}
	// An apostrophe's clitic stays; the word before it is hyphenated.
	s.Hyphenator = liang(t)
	p = plain("aaaa aaaa nation's bb", 14)
	lines = Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	if got := texts(lines); !equalStrings(got, []string{"aaaa aaaa na-", "tion's bb"}) {
		t.Errorf("clitic: lines %q", got)
	}
	s.Hyphenator = nil
	// A spaced dash ends a line, never starts one.
	p = Paragraph{Runs: []Run{{"December 2022 \u2013 September 2023", Style{Font: "f", Size: 1}}}, Width: 14, Align: Left}
	lines = Break(p, fixed{}, s)
	if got := texts(lines); !equalStrings(got, []string{"December", "2022 \u2013", "September 2023"}) {
		t.Errorf("spaced dash: %q", got)
	}
	// On one line the compound is one fragment.
	p = plain("well-known", 20)
	lines = Break(p, fixed{}, s)
	if len(lines) != 1 || len(lines[0].Fragments) != 1 || lines[0].Fragments[0].Text != "well-known" {
		t.Errorf("fragments %+v", lines[0].Fragments)
	}
	// No break after a leading dash or before a digit-less end.
	p = plain("aaaa -5 bb", 5)
	for _, l := range Break(p, fixed{}, s) {
		for _, f := range l.Fragments {
			if f.Text == "-" {
				t.Errorf("broke a leading dash: %q", texts([]Line{l}))
			}
		}
	}
}

func TestBreakAlignment(t *testing.T) {
	s := DefaultSettings()
	for _, al := range []Align{Left, Center, Right} {
		p := plain("aa bbb cc dddd e ffff", 10)
		p.Align = al
		lines := Break(p, fixed{}, s)
		checkLines(t, p, s, lines)
		for _, l := range lines {
			natural := 0.0
			for k, f := range l.Fragments {
				natural += f.Width
				if k > 0 {
					// ragged lines keep natural spaces
					if gap := f.X - (l.Fragments[k-1].X + l.Fragments[k-1].Width); math.Abs(gap-1) > 1e-9 {
						t.Errorf("align %v: space of %v in %q", al, gap, texts([]Line{l}))
					}
					natural++
				}
			}
			var wantX float64
			switch al {
			case Center:
				wantX = (10 - natural) / 2
			case Right:
				wantX = 10 - natural
			}
			if x := l.Fragments[0].X; math.Abs(x-wantX) > 1e-9 {
				t.Errorf("align %v: line %q starts at %v, want %v", al, texts([]Line{l}), x, wantX)
			}
			if l.Ratio != 0 {
				t.Errorf("align %v: ratio %v", al, l.Ratio)
			}
		}
	}
}

func TestBreakFirstIndentAndSizes(t *testing.T) {
	s := DefaultSettings()
	big := Style{Font: "f", Size: 2}
	small := Style{Font: "f", Size: 1}
	p := Paragraph{Runs: []Run{{"ab ", big}, {"cd ef", small}}, Width: 30, FirstIndent: 3, Align: Left}
	lines := Break(p, fixed{}, s)
	if len(lines) != 1 {
		t.Fatalf("lines %q", texts(lines))
	}
	f := lines[0].Fragments
	// ab is 4 wide at 3; its space is in the big font (2); cd at 9, then a
	// small space.
	want := []Fragment{{X: 3, Width: 4, Gap: 2, GapX: 7, Text: "ab", Style: big}, {X: 9, Width: 2, Gap: 1, GapX: 11, Text: "cd", Style: small}, {X: 12, Width: 2, GapX: 14, Text: "ef", Style: small}}
	if len(f) != len(want) {
		t.Fatalf("fragments %+v", f)
	}
	for k := range want {
		if f[k] != want[k] {
			t.Errorf("fragment %d: %+v, want %+v", k, f[k], want[k])
		}
	}
	if lines[0].Width != 14 {
		t.Errorf("width %v", lines[0].Width)
	}
}

func TestBreakDegenerate(t *testing.T) {
	s := DefaultSettings()
	if got := Break(Paragraph{Width: 10}, fixed{}, s); got != nil {
		t.Errorf("empty paragraph: %v", got)
	}
	if got := Break(plain("   \u00a0 ", 10), fixed{}, s); got != nil {
		t.Errorf("spaces only: %v", got)
	}
	if got := Break(plain("text", 10), nil, s); got != nil {
		t.Errorf("no measurer: %v", got)
	}
	// The zero Settings mean the defaults.
	a := texts(Break(plain("aaa bbbb cc d eee ff gg hhhh", 12), fixed{}, Settings{}))
	if !equalStrings(a, []string{"aaa bbbb cc", "d eee ff gg", "hhhh"}) {
		t.Errorf("zero settings: %q", a)
	}
	// Nonsense in, lines out, no panic.
	nan := math.NaN()
	bad := []Paragraph{
		{Runs: []Run{{"a b c", Style{Size: nan}}}, Width: nan},
		{Runs: []Run{{"a b c", Style{Size: -1}}}, Width: -5, FirstIndent: -3},
		{Runs: []Run{{"a b c", Style{Size: 1}}}, Width: math.Inf(1), FirstIndent: math.Inf(1)},
		{Runs: []Run{{"\xff\xfe b", Style{Size: 1}}}, Width: 3},
		{Runs: []Run{{"", Style{}}, {"x", Style{Size: 1}}, {"", Style{}}}, Width: 3, Align: Align(99)},
	}
	weird := Settings{Tolerance: nan, SpaceShrink: 5, SpaceStretch: -1, MaxHyphenLines: -3, LinePenalty: math.Inf(1), EmergencyStretch: nan, HyphenPenalty: -1e9}
	for _, p := range bad {
		for _, st := range []Settings{s, weird} {
			for _, m := range []Measurer{fixed{}, nanMeasurer{}} {
				lines := Break(p, m, st)
				if len(lines) == 0 {
					t.Errorf("%+v: no lines", p)
				}
			}
		}
	}
}

// nanMeasurer returns nonsense widths.
type nanMeasurer struct{}

func (nanMeasurer) Width(font string, size float64, s string) float64 {
	switch len(s) % 4 {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(-1)
	case 2:
		return math.Inf(1)
	}
	return 1e300
}
func (nanMeasurer) HasGlyph(font string, r rune) bool { return false }

func TestBreakSoftHyphenAndZeroWidthSpace(t *testing.T) {
	s := DefaultSettings()
	p := plain("aaaa ex\u00adtra\u00ador\u00addi\u00adnary bb", 11)
	lines := Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	if got := texts(lines); !equalStrings(got, []string{"aaaa ex tra-", "or di nary bb"}) || !lines[0].Hyphen {
		t.Errorf("lines %q, hyphen %v", got, lines[0].Hyphen)
	}
	// Unbroken, the pieces (fragments, as texts shows them with spaces)
	// sit side by side and the soft hyphens vanish.
	p.Width = 40
	lines = Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	f := lines[0].Fragments
	if len(f) != 7 || f[1].Text+f[2].Text+f[3].Text+f[4].Text+f[5].Text != "extraordinary" || f[2].X != f[1].X+f[1].Width || f[5].X != f[4].X+f[4].Width {
		t.Errorf("fragments %+v", f)
	}
	// A zero-width space breaks without a hyphen.
	p = plain("see data/\u200bevents/\u200bnorth.toml", 12)
	lines = Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	for _, l := range lines {
		if l.Hyphen || l.Overfull {
			t.Errorf("lines %q", texts(lines))
		}
	}
	if len(lines) < 2 {
		t.Errorf("lines %q: want a break at a zero-width space", texts(lines))
	}
	// Soft hyphens alone or at a word's edge break nothing.
	p = plain("\u00ad a\u00ad \u00adb", 1)
	lines = Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	if got := texts(lines); !equalStrings(got, []string{"a", "b"}) {
		t.Errorf("lines %q", got)
	}
}

// A last line narrower than MinLastLine (a runt) costs demerits: here
// the last word joins the line before rather than stand alone.
func TestBreakShortLastLine(t *testing.T) {
	p := plain("pd pw tuiml t aribu x lhooc mpp alx u n", 25)
	s := DefaultSettings()
	with := texts(Break(p, spacy{}, s))
	s.MinLastLine = 0
	without := texts(Break(p, spacy{}, s))
	if !equalStrings(without, []string{"pd pw tuiml t aribu", "x lhooc mpp alx u", "n"}) {
		t.Errorf("without the rule: %q", without)
	}
	if !equalStrings(with, []string{"pd pw tuiml t aribu", "x lhooc mpp alx u n"}) {
		t.Errorf("with the rule: %q", with)
	}
}

// Break may run on many goroutines at once (its buffers are pooled).
func TestBreakConcurrent(t *testing.T) {
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	texts0 := []string{"aaa bbbb cc d eee ff gg hhhh", "hyphenation hyphenation hyphenation table", "see https://example.org/a/b/c now"}
	want := make([][]string, len(texts0))
	for i, x := range texts0 {
		want[i] = texts(Break(plain(x, 12), fixed{}, s))
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for k := 0; k < 200; k++ {
				i := k % len(texts0)
				if got := texts(Break(plain(texts0[i], 12), fixed{}, s)); !equalStrings(got, want[i]) {
					t.Errorf("%q: %q, want %q", texts0[i], got, want[i])
					return
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// JoinWords changes how a line's words are grouped into fragments, never
// where they are set: split at its spaces, a joined fragment gives back
// the fragments Break makes without it. Only words of one run a natural
// space apart are joined.
func TestJoinWords(t *testing.T) {
	body := Style{Font: "f", Size: 1}
	note := Style{Font: "f", Size: 1, Rise: 0.3}
	cases := []struct {
		name string
		p    Paragraph
	}{
		{"ragged", Paragraph{Runs: []Run{{Text: "aa bbb cc dddd e ffff gg hhh ii jjjj", Style: body}}, Width: 12, Align: Left}},
		{"centred", Paragraph{Runs: []Run{{Text: "aa bbb cc dddd e ffff", Style: body}}, Width: 10, Align: Center}},
		{"justified", Paragraph{Runs: []Run{{Text: "aa bbb cc dddd e ffff gg hhh ii jjjj kk", Style: body}}, Width: 13, Align: Justify}},
		{"runs", Paragraph{Runs: []Run{{Text: "aa bbb cc", Style: body}, {Text: "1", Style: note}, {Text: " dd ee", Style: body}}, Width: 20, Align: Left}},
		{"spaces", Paragraph{Runs: []Run{{Text: "aa  bb\u00a0cc\ndd ee", Style: body}}, Width: 30, Align: Left}},
	}
	for _, c := range cases {
		s := DefaultSettings()
		apart := Break(c.p, fixed{}, s)
		s.JoinWords = true
		joined := Break(c.p, fixed{}, s)
		if len(apart) != len(joined) {
			t.Fatalf("%s: %d lines joined, %d apart", c.name, len(joined), len(apart))
		}
		nApart, nJoined := 0, 0
		for i := range apart {
			a, j := apart[i], joined[i]
			if a.Width != j.Width || a.Ratio != j.Ratio || a.Hyphen != j.Hyphen || a.Last != j.Last {
				t.Errorf("%s: line %d joined %+v, apart %+v", c.name, i, j, a)
			}
			var split []Fragment
			for _, f := range j.Fragments {
				x := f.X
				for k, w := range strings.Split(f.Text, " ") {
					if k > 0 {
						x++ // a natural space of fixed
					}
					split = append(split, Fragment{X: x, Width: float64(len([]rune(w))), Text: w, Style: f.Style})
					x += float64(len([]rune(w)))
				}
			}
			if len(split) != len(a.Fragments) {
				t.Errorf("%s: line %d splits into %q, want %q", c.name, i, texts([]Line{{Fragments: split}}), texts([]Line{a}))
				continue
			}
			for k := range split {
				if f, g := split[k], a.Fragments[k]; f.Text != g.Text || f.Style != g.Style || math.Abs(f.X-g.X) > 1e-9 {
					t.Errorf("%s: line %d fragment %d: %+v joined, %+v apart", c.name, i, k, f, g)
				}
			}
			if j.Ratio != 0 && len(j.Fragments) != len(a.Fragments) {
				t.Errorf("%s: line %d is set with ratio %v but has joined words %q", c.name, i, j.Ratio, texts([]Line{j}))
			}
			nApart += len(a.Fragments)
			nJoined += len(j.Fragments)
		}
		if c.name == "ragged" && nJoined >= nApart {
			t.Errorf("ragged: %d fragments joined, %d apart: nothing joined", nJoined, nApart)
		}
	}
}

// kerning is fixed with kerning: "yp" and "y-" are set closer, as a
// shaping Measurer sets "Ty" or "To".
type kerning struct{}

func (kerning) Width(font string, size float64, s string) float64 {
	w := float64(utf8.RuneCountInString(s))
	w -= 0.5 * float64(strings.Count(s, "yp"))
	w -= 0.25 * float64(strings.Count(s, "y-"))
	return w
}

func (kerning) HasGlyph(font string, r rune) bool { return true }

func (kerning) Shaping() bool { return true }

// TestHyphenPiecesWithKerning checks that a word's pieces add up to the
// unbroken word's width, kerning across the hyphenation points included,
// and that the hyphen adds what it adds set after its piece: the word
// re-measured at the break.
func TestHyphenPiecesWithKerning(t *testing.T) {
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	p := Paragraph{Runs: []Run{{Text: "hyphenation", Style: Style{Font: "f", Size: 1}}}, Width: 100}
	c := &collector{p: &p, m: kerning{}, s: &s, hyphenate: true}
	items := c.collect()
	sum, pieces := 0.0, 0
	for _, it := range items {
		if it.kind == boxItem {
			sum += it.width
			pieces++
		}
	}
	if pieces < 2 {
		t.Fatalf("%d pieces: the word is not hyphenated", pieces)
	}
	if want := (kerning{}).Width("f", 1, "hyphenation"); sum != want {
		t.Errorf("pieces add up to %v, the word is %v wide", sum, want)
	}
	// After "hy": the hyphen adds W("hy-") - W("hy") = 0.75.
	for i, it := range items {
		if it.kind == penaltyItem && it.hyphen && i > 0 && items[i-1].kind == boxItem &&
			p.Runs[0].Text[items[i-1].start:items[i-1].end] == "hy" {
			if it.width != 0.75 {
				t.Errorf("hyphen after \"hy\": %v wide, want 0.75 (kerned to the y)", it.width)
			}
			return
		}
	}
	t.Error("no hyphenation point after \"hy\"")
}
