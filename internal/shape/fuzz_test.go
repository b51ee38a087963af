package shape

import (
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// Any text either shapes, with runs that tile it and glyphs whose
// clusters lie inside their run, or gives a *MissingError or a
// *ControlError; nothing panics.
func FuzzShape(f *testing.F) {
	for _, s := range []string{
		"To AV Ty", "office", "Հայաստան", "שָׁלוֹם 123 abc", "مرحبا ١٢٣", "e\u0301\u0323", "\u202eabc\u202c",
		"\u2067שלום\u2069 abc", "(a[b)c]", "𠮟𠮷", "\u200d\u200c", "a\x00b", "\xff\xfe", "",
	} {
		f.Add(s, uint8(0))
	}
	fb, err := BuiltinFallback(true)
	if err != nil {
		f.Fatal(err)
	}
	font := mustFont(f, Default, append([]*Face{testFaces(f)["liberation-serif"]}, fb...)...)
	s := NewShaper(64)
	f.Fuzz(func(t *testing.T, text string, d uint8) {
		l, err := s.Shape(font, text, Direction(d%3))
		if err != nil {
			var me *MissingError
			var ce *ControlError
			if !errors.As(err, &me) && !errors.As(err, &ce) {
				t.Fatalf("%q: unexpected error %v", text, err)
			}
			return
		}
		var b strings.Builder
		for _, r := range l.Runs {
			if r.Start != b.Len() {
				t.Fatalf("%q: run at %d, want %d", text, r.Start, b.Len())
			}
			b.WriteString(r.Text)
			for _, g := range r.Glyphs {
				if g.Cluster < 0 || g.Cluster >= len(r.Text) {
					t.Fatalf("%q: cluster %d outside run %q", text, g.Cluster, r.Text)
				}
			}
		}
		if b.String() != text {
			t.Fatalf("runs give %q, want %q", b.String(), text)
		}
		if len(Reorder(levelsOf(l))) != len(l.Runs) {
			t.Fatal("Reorder lost runs")
		}
	})
}

func levelsOf(l *Line) []uint8 {
	lv := make([]uint8, len(l.Runs))
	for i := range l.Runs {
		lv[i] = l.Runs[i].Level
	}
	return lv
}

// The shaping engine knows nothing of PDF (design.md): it does not
// depend on fpdf.
func TestNoPDFDependency(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, d := range strings.Fields(string(out)) {
		if strings.Contains(d, "fpdf") || strings.Contains(d, "gonum.org") {
			t.Errorf("internal/shape depends on %s", d)
		}
	}
}

// FuzzSimple: any text Simple sets, in the body face or the fallbacks,
// is set exactly as HarfBuzz sets it (see TestSimpleIsShaped), and its
// Advance, Append and Prefixes agree.
func FuzzSimple(f *testing.F) {
	for _, s := range []string{"To", "AVAWAY", "Yerevan’s", "Əliyev", "2023–24", "(Ty)", "Пашинян", "Αθήνα", "ệ", "a-b", ""} {
		f.Add(s, uint8(0))
	}
	faces := testFaces(f)
	var fonts []*Font
	for _, k := range []string{"liberation-serif", "dejavu-serif", "dejavu-sans", "ligature-serif"} {
		fonts = append(fonts, mustFont(f, Default, faces[k]))
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		font := fonts[int(which)%len(fonts)]
		sm := font.Simple()
		if sm == nil {
			t.Fatal("no Simple")
		}
		l := font.simpleLine(text, Auto)
		adv, ok := sm.Advance(text)
		if (l != nil) != ok {
			t.Fatalf("%q: Append and Advance disagree", text)
		}
		if l == nil {
			return
		}
		if l.Runs[0].Advance != adv {
			t.Fatalf("%q: Advance %d, Append %d", text, adv, l.Runs[0].Advance)
		}
		want := harfBuzzLine(t, font, text)
		if !reflect.DeepEqual(l, want) {
			t.Fatalf("%q:\nsimple   %+v\nharfbuzz %+v", text, *l, *want)
		}
		if h, ok := sm.AdvanceHyphenated(text); ok {
			hl := harfBuzzLine(t, font, text+"-")
			if len(hl.Runs) == 1 && hl.Runs[0].Advance != h {
				t.Fatalf("%q: hyphenated %d, HarfBuzz %d", text, h, hl.Runs[0].Advance)
			}
		}
	})
}
