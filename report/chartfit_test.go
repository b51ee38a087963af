package report

import (
	"fmt"
	"strings"
	"testing"
)

// chartsWith is a briefing of n events, each on a track of its own among
// tracks, each with its own actor; cfg is added to the config.
func chartsWith(t *testing.T, n, tracks int, cfg string) *layout {
	t.Helper()
	var w strings.Builder
	w.WriteString("[briefing]\ntitle = \"Charts\"\ndate = 2024-02-01\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&w, "[[actors]]\nid = \"a%d\"\nname = \"Actor %d\"\n", i, i)
		fmt.Fprintf(&w, "[[events]]\nid = \"e%d\"\ndate = 2023-%02d-%02d\ntitle = \"Event %d\"\ntrack = \"track-%d\"\nactors = [\"a%d\"]\n",
			i, 1+i%12, 1+i%28, i, i%tracks, i)
	}
	fsys := briefingFS("blocks = [\"timeline\", \"actors\"]\n"+cfg, w.String())
	b, c := loadFS(t, fsys, "config.toml")
	return laidOut(t, b, c, fsys)
}

func figureHeights(lay *layout) map[string]float64 {
	out := map[string]float64{}
	for _, e := range lay.d.elems {
		if fg, ok := e.(*figureElem); ok {
			out[fg.outline] = fg.h
		}
	}
	return out
}

func notices(lay *layout, where string) []string {
	var out []string
	for _, w := range lay.d.notices {
		if w.Where == where {
			out = append(out, w.Msg)
		}
	}
	return out
}

// Issue 12, item 30: 300 tracks printed 300 lane names on top of each
// other in a 290-pt timeline, and [frequency] top = 1000 as many names in
// 300 pt, with no warning. A chart grows to fit its lanes or bars, up to
// the page; beyond that a warning says so and what to change.
func TestChartsGrowToFitTheirRows(t *testing.T) {
	// Few lanes and bars: the configured sizes.
	lay := chartsWith(t, 20, 4, "")
	h := figureHeights(lay)
	if h["Figure 1. Timeline"] != 290 || h["Figure 2. Actors"] != 300 {
		t.Errorf("heights %v, want the configured 290 and 300", h)
	}
	if n := append(notices(lay, "timeline"), notices(lay, "actor frequency")...); len(n) > 0 {
		t.Errorf("notices %v, want none", n)
	}

	// 30 lanes and 40 bars fit on a page, in a taller chart.
	lay = chartsWith(t, 40, 30, "[frequency]\ntop = 40\n")
	h = figureHeights(lay)
	if h["Figure 1. Timeline"] <= 290 || h["Figure 2. Actors"] <= 300 {
		t.Errorf("heights %v, want both grown", h)
	}
	if h["Figure 1. Timeline"] > lay.d.textH || h["Figure 2. Actors"] > lay.d.textH {
		t.Errorf("heights %v, taller than the page's %.0f pt", h, lay.d.textH)
	}
	if n := append(notices(lay, "timeline"), notices(lay, "actor frequency")...); len(n) > 0 {
		t.Errorf("notices %v, want none", n)
	}

	// 300 lanes and 1,000 bars do not: warnings.
	lay = chartsWith(t, 300, 300, "[frequency]\ntop = 1000\n")
	tl, fr := notices(lay, "timeline"), notices(lay, "actor frequency")
	if len(tl) != 1 || !strings.Contains(tl[0], "300 lanes need") || !strings.Contains(tl[0], "[timeline] lanes") {
		t.Errorf("timeline notices %v, want one about 300 lanes", tl)
	}
	if len(fr) != 1 || !strings.Contains(fr[0], "300 bars need") || !strings.Contains(fr[0], "set [frequency] top to at most") {
		t.Errorf("frequency notices %v, want one about 300 bars", fr)
	}
	if w := lay.warnings(); len(w) < 2 {
		t.Errorf("warnings %v, want the notices among them", w)
	}
}

// `briefing charts` exports the charts at the size the PDF shows them,
// grown to fit their lanes and bars.
func TestExportedChartsGrowToo(t *testing.T) {
	lay := chartsWith(t, 40, 30, "[frequency]\ntop = 40\n")
	h := figureHeights(lay)
	figs, err := Figures(lay.d.b, lay.d.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"timeline": h["Figure 1. Timeline"], "actor-frequency": h["Figure 2. Actors"]}
	for _, f := range figs {
		if abs(float64(f.Height)-want[f.Name]) > 0.01 {
			t.Errorf("%s: exported %.1f pt tall, %.1f in the PDF", f.Name, float64(f.Height), want[f.Name])
		}
	}
	if len(figs) != 2 {
		t.Errorf("%d figures, want 2", len(figs))
	}
}
