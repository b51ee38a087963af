package report

import (
	"fmt"
	"io/fs"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// typography is what a careful reader would count in a laid-out briefing.
type typography struct {
	pages, justified, loose, overfull int
	widows, orphans, stranded         int
}

func (t typography) String() string {
	share := 0.0
	if t.justified > 0 {
		share = 100 * float64(t.loose) / float64(t.justified)
	}
	return fmt.Sprintf("%4d pages  %6d justified lines  %3d loose (%.2f%%)  %d overfull  %d widows  %d orphans  %d stranded headings",
		t.pages, t.justified, t.loose, share, t.overfull, t.widows, t.orphans, t.stranded)
}

// measureTypography lays the briefing out as Build does and counts, over
// every line set on a page, the justified lines (a paragraph's last line
// is ragged and not counted), the loose ones (spaces more than twice their
// natural width), the overfull ones, and the page-makeup faults.
func measureTypography(t *testing.T, b *data.Briefing, cfg *Config, fsys fs.FS) typography {
	t.Helper()
	lay := laidOut(t, b, cfg, fsys)
	var fig typography
	fig.pages = lay.pageCount()
	loose := lay.d.looseRatio()
	count := func(p *paraElem, from, to int) {
		for _, l := range p.lines[from:to] {
			if l.Overfull {
				fig.overfull++
			}
			if p.align != typeset.Justify || l.Last {
				continue
			}
			fig.justified++
			if l.Ratio > loose {
				fig.loose++
			}
		}
	}
	for _, pg := range lay.pages {
		for _, pl := range pg.Placements {
			switch e := lay.d.elems[pl.Block].(type) {
			case *paraElem:
				count(e, pl.From, pl.To)
			case *tableElem:
				for r := pl.From; r < pl.To; r++ {
					for _, c := range e.rows[r] {
						for _, p := range c.paras {
							count(p, 0, len(p.lines))
						}
					}
				}
			case *groupElem:
				for _, p := range e.parts {
					count(p, 0, len(p.lines))
				}
			case *figureElem:
				count(e.caption, 0, len(e.caption.lines))
			}
		}
	}
	for _, pr := range lay.problems {
		switch pr.Kind {
		case typeset.Widow:
			fig.widows++
		case typeset.Orphan:
			fig.orphans++
		}
	}
	for _, w := range lay.warnings() {
		if w.Msg == "heading stranded at the foot of the page" {
			fig.stranded++
		}
	}
	return fig
}

// TestTypographyFigures measures the default briefing and a synthetic one
// of 1,000 events on A4 and Letter, prints the figures (go test ./report
// -run TypographyFigures -v), and holds them to the standard of issue 5:
// nothing past the measure, no widow, orphan or stranded heading, and
// fewer than 2% of justified lines loose (with the default hyphenation).
func TestTypographyFigures(t *testing.T) {
	type input struct {
		name string
		fsys fs.FS
	}
	inputs := []input{{"built-in", briefing.Builtin}}
	if !testing.Short() {
		inputs = append(inputs, input{"1,000 events", synthFS(1000, 1)})
	}
	for _, in := range inputs {
		for _, size := range []string{"A4", "Letter"} {
			for _, hyphenate := range []bool{true, false} {
				cfg, err := LoadConfig(in.fsys, "config.toml")
				if err != nil {
					t.Fatal(err)
				}
				cfg.Page.Size = PageSize(size)
				cfg.Hyphenation.Enabled = hyphenate
				b, err := data.Load(in.fsys, cfg.Data)
				if err != nil {
					t.Fatal(err)
				}
				fig := measureTypography(t, b, cfg, in.fsys)
				label := "hyphenated"
				if !hyphenate {
					label = "hyphenation off"
				}
				t.Logf("%-12s %-6s %-15s %s", in.name, size, label, fig)
				if fig.overfull > 0 || fig.widows > 0 || fig.orphans > 0 || fig.stranded > 0 {
					t.Errorf("%s, %s, %s: %s", in.name, size, label, fig)
				}
				if fig.justified == 0 {
					t.Errorf("%s, %s: no justified lines measured", in.name, size)
				}
				// The standard holds for the defaults, which hyphenate;
				// without hyphenation the figures are for comparison.
				if hyphenate && float64(fig.loose) >= 0.02*float64(fig.justified) {
					t.Errorf("%s, %s: loose lines at or over 2%% of justified lines: %s", in.name, size, fig)
				}
			}
		}
	}
}
