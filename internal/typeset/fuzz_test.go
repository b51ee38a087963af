package typeset

import (
	"strings"
	"testing"
)

// FuzzBreak: any text, measure and indent give lines that keep the
// invariants, and never a panic.
func FuzzBreak(f *testing.F) {
	f.Add("aaa bbbb cc d eee ff gg hhhh", 12.0, 0.0, uint8(0), true)
	f.Add("see https://example.org/a/b-c.html now", 10.0, 2.0, uint8(1), false)
	f.Add("well-known\u00a0x hy\u00adphen\u200bation \u2014 ok", 5.0, 1.0, uint8(2), true)
	f.Add("", 0.0, 0.0, uint8(3), false)
	f.Add("said שלום עולם, then (אבג) 2023 שנה טובה done", 9.0, 1.0, uint8(0), true)
	f.Add("سنة الجفاف 12 مرحبا x", 6.0, 0.0, uint8(2), false)
	h := liang(f)
	f.Fuzz(func(t *testing.T, text string, width, indent float64, align uint8, hyph bool) {
		if width > 1e6 || width < -1e6 || indent > 1e6 {
			return // beyond any page; only slow
		}
		s := DefaultSettings()
		if hyph {
			s.Hyphenator = h
		}
		// Two runs, the second raised, to cross run boundaries.
		cut := len(text) / 2
		for cut > 0 && cut < len(text) && !utf8RuneStart(text[cut]) {
			cut--
		}
		p := Paragraph{Runs: []Run{
			{Text: text[:cut], Style: Style{Font: "f", Size: 1}},
			{Text: text[cut:], Style: Style{Font: "f", Size: 1.5}},
		}, Width: width, FirstIndent: indent, Align: Align(align % 4)}
		// Unshaped, and shaped (right-to-left text put in visual order).
		for _, m := range []Measurer{fixed{}, shapingFixed{}} {
			lines := Break(p, m, s)
			if strings.TrimFunc(text, func(r rune) bool { return isBreakingSpace(r) || isNoBreakSpace(r) }) != "" && len(lines) == 0 &&
				strings.Trim(text, "\u00ad\u200b \t\n\r\f\v\u00a0\u202f\u2007") != "" {
				t.Fatalf("no lines for %q", text)
			}
			if width > 0 && indent >= 0 && indent <= width {
				q := p
				q.Width, q.FirstIndent = width, indent
				lineInvariantsM(t, q, s, m, lines)
			}
		}
	})
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// FuzzParseHyphenation: any input parses or fails, and what parses
// hyphenates any word without a panic, inside the word.
func FuzzParseHyphenation(f *testing.F) {
	f.Add("UTF-8\nhy3ph\nhe2n\n", "hyphenation")
	f.Add("\\patterns{a1b 2c}\\hyphenation{ab-c}", "abcabc")
	f.Add("ISO8859-1\n1\xe9t\n", "abcétu")
	f.Fuzz(func(t *testing.T, patterns, word string) {
		h, err := ParseHyphenation(strings.NewReader(patterns))
		if err != nil {
			return
		}
		// Breaks fall between characters as Go decodes them (a byte
		// that is no UTF-8 is one character of its own).
		starts := map[int]bool{}
		for i := range word {
			starts[i] = true
		}
		prev := 0
		for _, p := range h.Hyphenate(word) {
			if p <= prev || p >= len(word) || !starts[p] {
				t.Fatalf("%q: break at %d", word, p)
			}
			prev = p
		}
	})
}

// FuzzPaginate: any heights place every unit once.
func FuzzPaginate(f *testing.F) {
	f.Add([]byte{10, 20, 30, 200, 5, 1, 7}, 100.0)
	f.Fuzz(func(t *testing.T, spec []byte, height float64) {
		var blocks []Block
		for i := 0; i+1 < len(spec) && len(blocks) < 40; i += 2 {
			n := int(spec[i]%5) + 1
			b := Block{Units: units(n, float64(spec[i+1])), SpaceBefore: float64(spec[i] % 7)}
			switch spec[i] % 11 {
			case 0:
				b.KeepWithNext = true
			case 1:
				b.Float = true
			case 2:
				b.HeadUnits = 1
			case 3:
				b.BreakBefore = true
			case 4:
				b.Orphans, b.Widows = 2, 2
			}
			blocks = append(blocks, b)
		}
		pages, _ := PaginateReport(blocks, height)
		next := make([]int, len(blocks))
		for _, p := range pages {
			if len(p.Placements) == 0 {
				t.Fatal("empty page")
			}
			for _, pl := range p.Placements {
				if pl.From != next[pl.Block] || pl.To <= pl.From {
					t.Fatalf("placement %+v, expected from %d", pl, next[pl.Block])
				}
				next[pl.Block] = pl.To
			}
		}
		for i, b := range blocks {
			if next[i] != len(b.Units) {
				t.Fatalf("block %d placed to %d of %d", i, next[i], len(b.Units))
			}
		}
	})
}
