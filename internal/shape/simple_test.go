package shape

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
)

// harfBuzzLine shapes text the long way, itemised and run through
// HarfBuzz with no cache: what Shape gives when Simple is not used.
func harfBuzzLine(t testing.TB, f *Font, text string) *Line {
	t.Helper()
	items, level, err := f.Itemize(text, Auto)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	s := NewShaper(-1)
	l := &Line{Level: level}
	for _, it := range items {
		r, err := s.ShapeItem(f, text, it)
		if err != nil {
			t.Fatal(err)
		}
		l.Runs = append(l.Runs, r)
	}
	return l
}

// simpleCorpus is the texts TestSimpleIsShaped tries: every character
// Simple may set alone, pairs of common ones, the words of the built-in
// briefing's data, and random strings.
func simpleCorpus(t testing.TB) []string {
	var out []string
	for _, lr := range localRanges {
		for r := lr[0]; r < lr[1]; r++ {
			out = append(out, string(r))
		}
	}
	common := []rune("ABCDFHJKLOPRTVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,;:!?'\"()-/&%$éçñöüßŒœıİğşəƏАДВГЛТУбдеклстуяΑΤΥαβγλοψ–—‘’“”•…€«»")
	for _, a := range common {
		for _, b := range common {
			out = append(out, string([]rune{a, b}))
		}
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "data", "*.toml"))
	if len(files) == 0 {
		t.Fatal("no data files in ../../data")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.FieldsFunc(string(src), func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '=' })...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := localBase[len(localRanges)]
	for range 1500 {
		var b strings.Builder
		for range 2 + rng.IntN(8) {
			li := rng.IntN(n)
			if rng.IntN(3) > 0 {
				li = rng.IntN(0x300 - 0x20) // mostly Latin
			}
			b.WriteRune(runeOfLocal(li))
		}
		out = append(out, b.String())
	}
	return out
}

func runeOfLocal(li int) rune {
	for i := len(localRanges) - 1; i >= 0; i-- {
		if li >= localBase[i] {
			return localRanges[i][0] + rune(li-localBase[i])
		}
	}
	return -1
}

// TestSimpleIsShaped checks that every text Simple sets is set exactly
// as HarfBuzz sets it (glyphs, clusters, advances, offsets, level,
// script, face), in the body faces, the fallback faces and a
// ligature-rich OpenType face, and that Simple takes most Latin words
// (or it would save nothing).
func TestSimpleIsShaped(t *testing.T) {
	faces := testFaces(t)
	extra := map[string][]byte{
		"liberation-serif-italic":      liberationserifitalic.TTF,
		"liberation-serif-bold-italic": liberationserifbolditalic.TTF,
		"liberation-sans-bold":         liberationsansbold.TTF,
		"liberation-sans-italic":       liberationsansitalic.TTF,
	}
	for name, data := range extra {
		f, err := ParseFace(name, data)
		if err != nil {
			t.Fatal(err)
		}
		faces[name] = f
	}
	corpus := simpleCorpus(t)
	if testing.Short() {
		corpus = corpus[:len(corpus)/4]
	}
	for name, fc := range faces {
		if name == "cjk-ext-b" {
			continue
		}
		f := mustFont(t, Default, fc)
		sm := f.Simple()
		if sm == nil {
			t.Errorf("%s: no Simple", name)
			continue
		}
		took, latin := 0, 0
		for _, text := range corpus {
			if !f.Has([]rune(text)[0]) {
				continue
			}
			if _, _, err := f.Itemize(text, Auto); err != nil {
				continue // a character the face lacks, a control
			}
			l := f.simpleLine(text, Auto)
			adv, ok := sm.Advance(text)
			if (l != nil) != ok {
				t.Fatalf("%s %q: Append and Advance disagree", name, text)
			}
			isLatin := strings.IndexFunc(text, func(r rune) bool { return r > 0x7e || r < 0x20 }) < 0
			if isLatin {
				latin++
			}
			if l == nil {
				continue
			}
			took++
			if l.Runs[0].Advance != adv {
				t.Fatalf("%s %q: Advance %d, Append %d", name, text, adv, l.Runs[0].Advance)
			}
			want := harfBuzzLine(t, f, text)
			if !reflect.DeepEqual(l, want) {
				t.Fatalf("%s %q:\nsimple   %+v\nharfbuzz %+v", name, text, *l, *want)
			}
		}
		t.Logf("%s: Simple set %d of %d texts (%d all ASCII)", name, took, len(corpus), latin)
		if took < latin*9/10 && name != "ligature-serif" {
			t.Errorf("%s: Simple set only %d texts, fewer than 90%% of the %d ASCII ones", name, took, latin)
		}
	}
}

// TestSimpleRefuses checks texts Simple must leave to HarfBuzz.
func TestSimpleRefuses(t *testing.T) {
	faces := testFaces(t)
	lib := mustFont(t, Default, faces["liberation-serif"]).Simple()
	for _, text := range []string{
		"",
		"e\u0301",       // a combining mark
		"Aб",            // two scripts: two runs
		"a\u00adb",      // a soft hyphen
		"1\u20442",      // a fraction slash
		"2023\u2013024", // digits with a character from U+0590 on: a bidi level of their own
		"שלום",          // Hebrew
		"a\tb",          // a control
		"Ա",             // not in the face
	} {
		if _, ok := lib.Advance(text); ok {
			t.Errorf("Simple took %q", text)
		}
	}
	if _, ok := lib.Advance("2023–24"); ok {
		t.Errorf("Simple took digits with an en dash")
	}
	if _, ok := lib.Advance("Tóquio’s"); !ok {
		t.Errorf("Simple refused a Latin word")
	}
	// The ligature face's f starts a ligature: words with f are HarfBuzz's.
	lig := mustFont(t, Default, faces["ligature-serif"]).Simple()
	if lig == nil {
		t.Fatal("ligature-serif: no Simple")
	}
	if _, ok := lig.Advance("office"); ok {
		t.Errorf("Simple took a word with a ligature")
	}
	// Features or a language: no Simple.
	if mustFont(t, MustParseFeatures("smcp"), faces["liberation-serif"]).Simple() != nil {
		t.Errorf("a font with features has a Simple")
	}
}
