package typeset

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/briefing-pdf/briefing/internal/shape"
)

// shapingFixed is fixed that says it shapes and resolves bidi levels
// (with the shaper's own function): right-to-left text is then put in
// visual order.
type shapingFixed struct{ fixed }

func (shapingFixed) Shaping() bool { return true }

func (shapingFixed) BidiLevels(texts []string) ([][]uint8, uint8) { return shape.BidiLevels(texts) }

// visual is a line's fragments sorted by X: the words as drawn, left to
// right.
func visual(l Line) []string {
	fs := append([]Fragment(nil), l.Fragments...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].X < fs[j].X })
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Text
	}
	return out
}

func TestRightToLeftLinesInVisualOrder(t *testing.T) {
	for _, tc := range []struct {
		text    string
		logical []string // the fragments, in reading order
		visual  []string // as drawn, left to right
	}{
		// Hebrew words inside English: their order is reversed.
		{"the words שלום עולם טוב here", []string{"the", "words", "שלום", "עולם", "טוב", "here"},
			[]string{"the", "words", "טוב", "עולם", "שלום", "here"}},
		// A comma after a Hebrew word before Latin text stays at the
		// paragraph's level: after (right of) the word, in its own piece.
		{"said שלום, then", []string{"said", "שלום", ",", "then"}, []string{"said", "שלום", ",", "then"}},
		// Digits between Hebrew words stay left to right, and the words
		// around them are reversed.
		{"in שנת 2023 היה so", []string{"in", "שנת", "2023", "היה", "so"}, []string{"in", "היה", "2023", "שנת", "so"}},
		// No right-to-left text: nothing changes.
		{"plain text only", []string{"plain", "text", "only"}, []string{"plain", "text", "only"}},
	} {
		lines := Break(plain(tc.text, 100), shapingFixed{}, Settings{})
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", tc.text, len(lines))
		}
		l := lines[0]
		var logical []string
		for _, f := range l.Fragments {
			logical = append(logical, f.Text)
		}
		if strings.Join(logical, "|") != strings.Join(tc.logical, "|") {
			t.Errorf("%q: fragments %q, want %q in reading order", tc.text, logical, tc.logical)
		}
		if got := visual(l); strings.Join(got, "|") != strings.Join(tc.visual, "|") {
			t.Errorf("%q: drawn %q, want %q", tc.text, got, tc.visual)
		}
		// The line keeps its extent and no two fragments overlap.
		fs := append([]Fragment(nil), l.Fragments...)
		sort.Slice(fs, func(i, j int) bool { return fs[i].X < fs[j].X })
		end := 0.0
		for _, f := range fs {
			if f.X < end-1e-9 {
				t.Errorf("%q: %q at %v overlaps the fragment before (to %v)", tc.text, f.Text, f.X, end)
			}
			end = f.X + f.Width
		}
		if math.Abs(end-l.Width) > 1e-9 {
			t.Errorf("%q: drawn to %v, line width %v", tc.text, end, l.Width)
		}
		for _, f := range l.Fragments {
			if rtl := shape.HasRightToLeft(f.Text); rtl != (f.Level%2 == 1) {
				t.Errorf("%q: fragment %q at level %d", tc.text, f.Text, f.Level)
			}
		}
	}
}

// A paragraph mostly in Hebrew, opening with it, is right to left: its
// words read from the right edge, a period ends at the left, English in
// it keeps its own order, and its ragged last line is set against the
// right edge.
func TestRightToLeftParagraph(t *testing.T) {
	for _, tc := range []struct {
		text   string
		visual []string
	}{
		{"שלום עולם.", []string{"עולם.", "שלום"}},
		{"שלום עולם abc def טוב", []string{"טוב", "abc", "def", "עולם", "שלום"}},
		// An English sentence opening with a Hebrew word stays left to right.
		{"שלום is a Hebrew word", []string{"שלום", "is", "a", "Hebrew", "word"}},
	} {
		lines := Break(plain(tc.text, 40), shapingFixed{}, Settings{})
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", tc.text, len(lines))
		}
		l := lines[0]
		if got := visual(l); strings.Join(got, "|") != strings.Join(tc.visual, "|") {
			t.Errorf("%q: drawn %q, want %q", tc.text, got, tc.visual)
		}
		end, start := 0.0, math.Inf(1)
		for _, f := range l.Fragments {
			end = max(end, f.X+f.Width)
			start = min(start, f.X)
		}
		rtl := tc.visual[len(tc.visual)-1] == "שלום"
		if l.RTL != rtl {
			t.Errorf("%q: line RTL %v, want %v", tc.text, l.RTL, rtl)
		}
		if rtl && math.Abs(end-40) > 1e-9 {
			t.Errorf("%q: right to left, ends at %v, not at the right edge 40", tc.text, end)
		}
		if !rtl && start != 0 {
			t.Errorf("%q: left to right, starts at %v", tc.text, start)
		}
		if math.Abs(l.Width-end) > 1e-9 {
			t.Errorf("%q: Width %v, drawn to %v", tc.text, l.Width, end)
		}
	}
	// The first line's indent is at the right.
	p := plain("אבג דהו זחט יכל מנס עפצ קרש תאב", 12)
	p.FirstIndent = 3
	lines := Break(p, shapingFixed{}, Settings{})
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		end := 0.0
		for _, f := range l.Fragments {
			end = max(end, f.X+f.Width)
		}
		want := 12.0
		if i == 0 {
			want = 9
		}
		if !l.Overfull && math.Abs(end-want) > 1e-9 {
			t.Errorf("line %d ends at %v, want %v", i, end, want)
		}
	}
}

// Without a shaping Measurer nothing is reordered (the report refuses
// right-to-left text unshaped).
func TestRightToLeftUnshapedUntouched(t *testing.T) {
	lines := Break(plain("a שלום עולם b", 100), fixed{}, Settings{})
	if got := visual(lines[0]); strings.Join(got, "|") != "a|שלום|עולם|b" {
		t.Errorf("unshaped: %q", got)
	}
}

// A line broken inside right-to-left text: each line is reordered on
// its own.
func TestRightToLeftAcrossLines(t *testing.T) {
	lines := Break(plain("אבג דהו זחט יכל מנס עפצ", 8), shapingFixed{}, Settings{})
	if len(lines) < 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		got := visual(l)
		for i := 1; i < len(got); i++ {
			// Drawn left to right, the words of one line are in
			// reverse reading order.
			if strings.Index("אבג דהו זחט יכל מנס עפצ", got[i]) > strings.Index("אבג דהו זחט יכל מנס עפצ", got[i-1]) {
				t.Errorf("line %q drawn as %q", texts([]Line{l}), got)
			}
		}
	}
}

// TestRightToLeftProperty breaks random paragraphs of Hebrew, Latin,
// digits and punctuation, in several runs and at several widths: every
// word comes out once, in reading order; the fragments of a line do not
// overlap and stay within the line's extent; and a fragment with Hebrew
// letters is at an odd level, one with Latin letters at an even one.
func TestRightToLeftProperty(t *testing.T) {
	words := []string{"שלום", "עולם", "טוב", "Yerevan", "talks", "2023", "12", "(אבג)", "דהו,", "x", "—", "“quoted”", "סאלו.", "a-b"}
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := 0; iter < 500; iter++ {
		var runs []Run
		var all []string
		for r := 0; r < 1+rng.IntN(3); r++ {
			var b strings.Builder
			for k := 0; k < 1+rng.IntN(12); k++ {
				w := words[rng.IntN(len(words))]
				all = append(all, w)
				b.WriteString(w)
				b.WriteByte(' ')
			}
			runs = append(runs, Run{Text: b.String(), Style: Style{Font: "f", Size: float64(1 + r)}})
		}
		width := float64(8 + rng.IntN(40))
		align := Align(rng.IntN(4))
		lines := Break(Paragraph{Runs: runs, Width: width, Align: align}, shapingFixed{}, Settings{})
		var got []string
		for li, l := range lines {
			fs := append([]Fragment(nil), l.Fragments...)
			for _, f := range fs {
				got = append(got, f.Text)
				latin := strings.ContainsFunc(f.Text, func(r rune) bool { return r < 0x250 && unicode.IsLetter(r) })
				if shape.HasRightToLeft(f.Text) && f.Level%2 != 1 || latin && f.Level%2 != 0 {
					t.Fatalf("iter %d line %d: %q at level %d", iter, li, f.Text, f.Level)
				}
			}
			sort.Slice(fs, func(i, j int) bool { return fs[i].X < fs[j].X })
			end := math.Inf(-1)
			for _, f := range fs {
				if f.X < end-1e-9 {
					t.Fatalf("iter %d line %d: %q at %v overlaps the fragment before (to %v): %+v", iter, li, f.Text, f.X, end, l.Fragments)
				}
				end = f.X + f.Width
				if f.X < -1e-9 || (!l.Overfull && end > l.Width+1e-9) {
					t.Fatalf("iter %d line %d: %q at %v–%v outside the line (width %v)", iter, li, f.Text, f.X, end, l.Width)
				}
			}
		}
		// Reading order: the fragments' text, joined, is the words'
		// (a word may be split into pieces, or hyphenated).
		joined := strings.ReplaceAll(strings.Join(got, ""), "-", "")
		want := strings.ReplaceAll(strings.Join(all, ""), "-", "")
		if joined != want {
			t.Fatalf("iter %d: read back %q, want %q", iter, joined, want)
		}
	}
}
