package report

import (
	"bytes"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/rgb"
)

func TestFigures(t *testing.T) {
	b, cfg, fsys := mini(t)
	cfg.Frequency.Width = 300
	figs, err := Figures(b, cfg, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 || figs[0].Name != "timeline" || figs[1].Name != "actor-frequency" {
		t.Fatalf("figures %+v", figs)
	}
	if float64(figs[0].Width) != cfg.TextWidth() || float64(figs[1].Width) != 300 ||
		float64(figs[0].Height) != cfg.Timeline.Height {
		t.Errorf("sizes %v×%v, %v×%v", figs[0].Width, figs[0].Height, figs[1].Width, figs[1].Height)
	}
	created := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	one, err := figs[1].PDF("Actors", created)
	if err != nil {
		t.Fatal(err)
	}
	two, err := figs[1].PDF("Actors", created)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one, two) {
		t.Error("Figure.PDF is not reproducible")
	}
	doc := readPDF(t, one)
	if w, h := doc.size(1); abs(w-300) > 0.01 || abs(h-float64(figs[1].Height)) > 0.01 {
		t.Errorf("chart page %gx%g", w, h)
	}
	if doc.info()["Title"] != "Actors" || !bytes.Contains(one, []byte("D:20240201000000")) {
		t.Errorf("info %v", doc.info())
	}
	if text := doc.text(1); !bytes.Contains([]byte(text), []byte("Antony Blinken")) {
		t.Errorf("chart text %q lacks the actor", text)
	}

	// The order follows the config's blocks.
	cfg.Blocks = []BlockName{BlockActors, BlockTimeline}
	figs, err = Figures(b, cfg, fsys)
	if err != nil || len(figs) != 2 || figs[0].Name != "actor-frequency" {
		t.Errorf("with actors first: %v, %+v", err, figs)
	}
}

// Parties without a colour get palette colours no other party uses, the
// same in the charts and the annex; the config's colours come first.
func TestPartyColors(t *testing.T) {
	b, cfg, _ := mini(t)
	got := partyColors(b, cfg)
	if got["us"] != rgb.New(0x1f, 0x4e, 0x79) {
		t.Errorf("us = %v, want the data's #1f4e79", got["us"])
	}
	if got["am"] == got["us"] || got["am"] == (Color{}) {
		t.Errorf("am = %v, want a palette colour other than us's", got["am"])
	}
	cb := chartBriefing(b, cfg)
	if p := cb.Party("am"); p == nil || !p.Color.Set || p.Color != got["am"] {
		t.Errorf("the charts' am is %+v, want %v", p, got["am"])
	}
	if b.Party("am").Color.Set {
		t.Error("chartBriefing changed the caller's briefing")
	}
	cfg.Colors.Parties = map[string]Color{"am": rgb.New(1, 2, 3)}
	if c := partyColors(b, cfg)["am"]; c != rgb.New(1, 2, 3) {
		t.Errorf("config override: am = %v", c)
	}
}
