package typeset

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/internal/hyphenation"
)

// hyphenated shows w with its hyphenation points.
func hyphenated(h *Hyphenator, w string) string {
	var sb strings.Builder
	prev := 0
	for _, p := range h.Hyphenate(w) {
		sb.WriteString(w[prev:p])
		sb.WriteByte('-')
		prev = p
	}
	sb.WriteString(w[prev:])
	return sb.String()
}

func TestHyphenateLiang(t *testing.T) {
	h := liang(t)
	for w, want := range map[string]string{
		"hyphenation": "hy-phen-ation", // .hy3phe2n5a4t2ion.
		"Hyphenation": "Hy-phen-ation", // case is ignored (Break decides)
		"table":       "ta-ble",        // an exception
		"project":     "pro-ject",      // an exception the patterns do not know
		"computer":    "com-puter",     // put3er falls inside rightmin 3
		"hyph":        "hyph",          // too short for leftmin 2 + rightmin 3
		"tion":        "tion",
		"":            "",
	} {
		if got := hyphenated(h, w); got != want {
			t.Errorf("%q: %q, want %q", w, got, want)
		}
	}
	if got := h.Hyphenate("hyphenation"); !reflect.DeepEqual(got, []int{2, 6}) {
		t.Errorf("positions %v, want [2 6]", got)
	}
	var nilH *Hyphenator
	if got := nilH.Hyphenate("hyphenation"); got != nil {
		t.Errorf("nil hyphenator: %v", got)
	}
	// A combining mark stays with its letter: "1\u0303" asks for a break
	// before the tilde of "e\u0303", which is not made.
	h2, err := ParseHyphenation(strings.NewReader("UTF-8\n1\u0303\nx1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := h2.Hyphenate("abxe\u0303fgh"); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("combining mark: %v, want [3] (after x, never before the tilde)", got)
	}
	h.LeftMin, h.RightMin = 2, 2
	if got := hyphenated(h, "computer"); got != "com-put-er" {
		t.Errorf("rightmin 2: %q", got)
	}
}

func TestParseHyphenationDic(t *testing.T) {
	f, err := os.Open("testdata/tiny.dic")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := ParseHyphenation(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := hyphenated(h, "hyphenation"); got != "hy-phen-ation" {
		t.Errorf("hyphenation: %q", got)
	}
	// "1ét": a break before é, positions in bytes.
	if got := h.Hyphenate("abcétude"); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("abcétude: %v, want [3]", got)
	}
	// ISO 8859-1: é is the byte 0xe9.
	h, err = ParseHyphenation(strings.NewReader("ISO8859-1\nRIGHTHYPHENMIN 2\n1\xe9t\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := hyphenated(h, "abcétu"); got != "abc-étu" || h.RightMin != 2 {
		t.Errorf("latin-1: %q (rightmin %d)", got, h.RightMin)
	}
}

func TestParseHyphenationErrors(t *testing.T) {
	for _, in := range []string{
		"KOI8-R\nab1c\n",                      // unsupported encoding
		"UTF-8\nab#c\n",                       // not a pattern
		"UTF-8\n\xff\xfe\n",                   // not UTF-8
		`\patterns{ab1c} \foo{x}`,             // unknown command
		`\patterns{a1b} \hyphenation{ta-b1e}`, // digits in an exception
		"\xff\xfe1a\n",                        // no encoding line, not UTF-8
	} {
		if _, err := ParseHyphenation(strings.NewReader(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	h, err := ParseHyphenation(strings.NewReader(""))
	if err != nil || h.Hyphenate("hyphenation") != nil {
		t.Errorf("empty patterns: %v, %v", err, h.Hyphenate("hyphenation"))
	}
}

// The hyphenation rules of Break: names, words with digits, URLs and a
// paragraph's last word are never hyphenated.
func TestBreakHyphenationRules(t *testing.T) {
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	// At measure 9 "aaaa hyphenation" only sets well as "aaaa hy-" / ...
	p := plain("aaaa hyphenation bb ccc", 9)
	lines := Break(p, fixed{}, s)
	checkLines(t, p, s, lines)
	if !lines[0].Hyphen || !strings.HasSuffix(lines[0].Fragments[len(lines[0].Fragments)-1].Text, "-") {
		t.Errorf("lines %q: want a hyphen on the first", texts(lines))
	}
	for _, text := range []string{
		"aaaa Hyphenation bb ccc",
		"aaaa hyphenation2 bb ccc",
		"aaaa http://hyphenation.org bb",
		"aaaa bbb hyphenation",
	} {
		p := plain(text, 9)
		lines := Break(p, fixed{}, s)
		checkLines(t, p, s, lines)
		for _, l := range lines {
			if l.Hyphen {
				t.Errorf("%q: hyphenated as %q", text, texts(lines))
			}
		}
	}
	// Without patterns, no hyphens.
	s.Hyphenator = nil
	lines = Break(plain("aaaa hyphenation bb ccc", 9), fixed{}, s)
	for _, l := range lines {
		if l.Hyphen {
			t.Errorf("no patterns but %q", texts(lines))
		}
	}
}

// No more than two lines in a row end in a hyphen, even when more would
// set tighter.
func TestBreakConsecutiveHyphens(t *testing.T) {
	s := DefaultSettings()
	s.Hyphenator = liang(t)
	text := strings.Repeat("hyphenation ", 12) + "end"
	counts := map[int]int{}
	for w := 8.0; w <= 30; w++ {
		p := plain(text, w)
		lines := Break(p, fixed{}, s)
		checkLines(t, p, s, lines)
		run := 0
		for _, l := range lines {
			if l.Hyphen {
				run++
			} else {
				run = 0
			}
			counts[run]++
		}
	}
	if counts[2] == 0 {
		t.Errorf("never two hyphens in a row (%v): the test shows nothing", counts)
	}
	if counts[3] > 0 {
		t.Errorf("three hyphens in a row: %v", counts)
	}
}

// plainTeX parses the patterns briefing builds in: plain TeX's US English
// hyphen.tex, from the repository (internal/hyphenation), never from what a
// machine has installed.
func plainTeX(t testing.TB) *Hyphenator {
	t.Helper()
	h, err := ParseHyphenation(hyphenation.PlainTeX())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// The built-in US English patterns hyphenate common words as TeX does.
func TestHyphenateEnglish(t *testing.T) {
	h := plainTeX(t)
	for w, want := range map[string]string{
		"hyphenation":   "hy-phen-ation",
		"typesetting":   "type-set-ting",
		"international": "in-ter-na-tional",
		"algorithm":     "al-go-rithm",
		"presentation":  "pre-sen-ta-tion",
	} {
		if got := hyphenated(h, w); got != want {
			t.Errorf("%q: %q, want %q", w, got, want)
		}
	}
}
