package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestLineBreaksGolden pins the line breaks of the built-in briefing's
// justified paragraphs (A4, the default config): every line's text, its
// adjustment ratio and whether it ends in a hyphen. A change to the
// breaker, the metrics or the data that moves a break shows here as a
// diff to read; `go test ./report -run LineBreaksGolden -update` accepts it.
func TestLineBreaksGolden(t *testing.T) {
	b := builtin(t)
	cfg := DefaultConfig()
	lay := laidOut(t, b, cfg, briefing.Builtin)
	var out strings.Builder
	for _, e := range lay.d.elems {
		p, ok := e.(*paraElem)
		if !ok || p.align != typeset.Justify || len(p.lines) < 2 {
			continue
		}
		fmt.Fprintf(&out, "## %s\n", p.where)
		for _, l := range p.lines {
			mark := ""
			if l.Hyphen {
				mark = " [-]"
			}
			fmt.Fprintf(&out, "%+.2f%s  %s\n", l.Ratio, mark, fullText(l))
		}
	}
	got := out.String()
	file := filepath.Join("testdata", "linebreaks.golden")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("line breaks differ from %s at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", file, i+1, g, w)
			}
		}
	}
}

// fullText is a line's text as set, fragments joined by the spaces
// between them.
func fullText(l typeset.Line) string {
	var b strings.Builder
	end := 0.0
	for i, f := range l.Fragments {
		if i > 0 && f.X > end+0.01 {
			b.WriteByte(' ')
		}
		b.WriteString(f.Text)
		end = f.X + f.Width
	}
	return b.String()
}
