package shape

import (
	"errors"
	"os/exec"
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
