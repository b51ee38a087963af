package charts

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

func TestExport(t *testing.T) {
	p, err := NewTimeline(sample(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	magic := map[string]string{"svg": "<?xml", "png": "\x89PNG"}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := Export(p, 16*vg.Centimeter, 8*vg.Centimeter, format, &buf); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.HasPrefix(buf.String(), magic[format]) {
			t.Errorf("%s: output starts %q", format, buf.String()[:min(8, buf.Len())])
		}
	}
	var svg bytes.Buffer
	if err := Export(p, 16*vg.Centimeter, 8*vg.Centimeter, "svg", &svg); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Armenia–Azerbaijan", "Blinken", "Jan"} {
		if !strings.Contains(svg.String(), s) {
			t.Errorf("svg lacks %q", s)
		}
	}
}

func TestExportRejects(t *testing.T) {
	p, err := NewActorFrequency(sample(), FrequencyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		w, h   vg.Length
		format string
	}{
		{100, 100, "gif"},
		{100, 100, "pdf"}, // the report's PDF writer draws charts as PDF
		{0, 100, "svg"},
		{100, -1, "png"},
		{1e9, 100, "png"},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		if err := Export(p, c.w, c.h, c.format, &buf); err == nil {
			t.Errorf("Export(%v, %v, %q): no error", c.w, c.h, c.format)
		}
		if buf.Len() != 0 {
			t.Errorf("Export(%v, %v, %q) wrote %d bytes on error", c.w, c.h, c.format, buf.Len())
		}
	}
	if err := Export(nil, 100, 100, "svg", &bytes.Buffer{}); err == nil {
		t.Error("nil plot: no error")
	}
}

// A theme over an empty font cache is refused up front rather than
// panicking when drawn.
func TestThemeFonts(t *testing.T) {
	th := DefaultTheme()
	th.Font.Variant = "Fraktur"
	th.Bold.Variant = "Fraktur"
	_, err := NewActorFrequency(sample(), FrequencyOptions{Theme: th})
	if err == nil || errors.Is(err, ErrEmpty) {
		t.Errorf("err = %v, want a missing-font error", err)
	}
}

// SVG and PNG output is byte-identical from one run to the next.
func TestExportDeterministic(t *testing.T) {
	for _, format := range []string{"svg", "png"} {
		var a, b bytes.Buffer
		for _, buf := range []*bytes.Buffer{&a, &b} {
			p, err := NewTimeline(sample(), TimelineOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := Export(p, 12*vg.Centimeter, 6*vg.Centimeter, format, buf); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s output differs between runs", format)
		}
	}
}
