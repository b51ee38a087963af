package typeset

import (
	"math/rand"
	"strings"
	"testing"
)

// TestBreakHostileText: paragraphs drawn at random (a fixed seed) from
// the characters that make line breaking hard (soft hyphens and
// zero-width spaces alone or beside spaces and dashes, no-break spaces,
// line feeds and paragraph separators inside a paragraph, right-to-left
// letters, explicit embeddings, combining marks, URLs, digits), at
// measures down to narrower than one character, keep Break's invariants,
// unshaped and shaped. The fuzz target explores further; this runs the
// same checks the same way on every machine.
func TestBreakHostileText(t *testing.T) {
	pieces := []string{
		"ג", "א", "ب", "٣", "0", "1", "x", "hyphenation", "Hyph", "'", "\u2019s",
		" ", " ", "\t", "\n", "\u00a0", "\u202f", "\u2029",
		"\u00ad", "\u200b", "-", "\u2013", "\u2014", " \u2014 ",
		",", ".", "(", ")", "+", "/", "://", "www.", "abc/def/ghi/jkl",
		"\u0301", "\u202b", "\u202c", "\u200f",
	}
	h := liang(t)
	n := 30000
	if testing.Short() {
		n = 3000
	}
	for _, m := range []Measurer{fixed{}, shapingFixed{}} {
		rng := rand.New(rand.NewSource(1))
		for range n {
			var sb strings.Builder
			for range 1 + rng.Intn(20) {
				sb.WriteString(pieces[rng.Intn(len(pieces))])
			}
			text := sb.String()
			width := float64(1+rng.Intn(24)) / 2
			indent := min(float64(rng.Intn(6))/2, width)
			s := DefaultSettings()
			if rng.Intn(2) == 0 {
				s.Hyphenator = h
			}
			cut := len(text) / 2
			for cut > 0 && !utf8RuneStart(text[cut]) {
				cut--
			}
			p := Paragraph{Runs: []Run{
				{Text: text[:cut], Style: Style{Font: "f", Size: 1}},
				{Text: text[cut:], Style: Style{Font: "f", Size: 1.5}},
			}, Width: width, FirstIndent: indent, Align: Align(rng.Intn(4))}
			lines := Break(p, m, s)
			lineInvariantsM(t, p, s, m, lines)
			if t.Failed() {
				t.Fatalf("%T: %q, width %v, indent %v, %v, hyphenation %v", m, text, width, indent, p.Align, s.Hyphenator != nil)
			}
		}
	}
}

// A soft hyphen after a hyphen or dash breaks without a second hyphen.
func TestSoftHyphenAfterDash(t *testing.T) {
	for _, text := range []string{"well-\u00adknown", "2023\u2013\u00ad2024"} {
		lines := Break(plain(text, 6), fixed{}, Settings{})
		got := texts(lines)
		dash, _, _ := strings.Cut(text, "\u00ad")
		if len(got) != 2 || got[0] != dash || lines[0].Hyphen {
			t.Errorf("%q: lines %q (hyphen %v), want %q first, no hyphen added", text, got, len(lines) > 0 && lines[0].Hyphen, dash)
		}
	}
}

// A "word" of soft hyphens and zero-width spaces sets nothing: the spaces
// around it are one space, and a paragraph starting with it has no
// leading space.
func TestInvisibleWord(t *testing.T) {
	for _, text := range []string{"a \u00ad b", "a \u200b\u00ad\u00a0b", "\u00ad a b", "\u200b\u00a0a b"} {
		lines := Break(plain(text, 100), fixed{}, Settings{})
		if len(lines) != 1 || len(lines[0].Fragments) != 2 {
			t.Fatalf("%q: lines %q", text, texts(lines))
		}
		a, b := lines[0].Fragments[0], lines[0].Fragments[1]
		if a.X != 0 || b.X != 2 {
			t.Errorf("%q: words at %v and %v, want 0 and 2 (one space between)", text, a.X, b.X)
		}
	}
}
