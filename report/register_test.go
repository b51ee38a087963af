package report

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

// Build registers the faces with fpdf on another goroutine while it lays
// out; the PDF must be the very bytes of registering each face when it
// is first drawn, one goroutine doing everything: the same faces, none
// extra, whatever the timing.
func TestFacesRegisteredDuringLayoutSameBytes(t *testing.T) {
	miniB, miniCfg, miniFS := mini(t)
	for _, c := range []struct {
		name string
		b    *data.Briefing
		cfg  *Config
		fsys fs.FS
	}{
		{"built-in", builtin(t), DefaultConfig(), briefing.Builtin},
		{"mini", miniB, miniCfg, miniFS},
		{"synthetic", nil, nil, synthFS(60, 7)},
	} {
		b, cfg := c.b, c.cfg
		if cfg == nil {
			b, cfg = loadFS(t, c.fsys, "config.toml")
		}
		st, err := runStages(b, cfg, c.fsys, Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := writeFrames(st)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 3; i++ {
			got, _, err := buildPDF(b, cfg, c.fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s: Build's PDF (%d bytes) differs from one registering faces on first use (%d bytes)", c.name, len(got), len(want))
			}
		}
	}
}

// writeFrames runs the write stage on finished frames with a writer
// that was told of no face during the layout: it registers each on first
// use, on this goroutine.
func writeFrames(st *staged) ([]byte, error) {
	w := pdfwrite.New(st.frames.Meta, st.lay.d.fonts, panicError)
	defer w.Close()
	return w.Write(st.frames)
}
