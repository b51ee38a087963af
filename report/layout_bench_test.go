package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"testing"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
)

// layoutInputs runs f on the built-in briefing and on synthetic ones of
// 1,000 and 10,000 events (the last skipped under -short).
func layoutInputs(b *testing.B, f func(b *testing.B, br *data.Briefing, cfg *Config, fsys fs.FS)) {
	b.Run("input=builtin", func(b *testing.B) {
		f(b, builtin(b), DefaultConfig(), briefing.Builtin)
	})
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("input=events-%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped under -short")
			}
			fsys := synthFS(n, 1)
			br, cfg := loadFS(b, fsys, "config.toml")
			f(b, br, cfg, fsys)
		})
	}
}

// BenchmarkLayout measures the layout stage of Build: fonts and
// hyphenation resources, composing every block (Markdown, line breaking,
// tables, notes) and paginating, with the passes that settle the page
// numbers the text shows.
func BenchmarkLayout(b *testing.B) {
	layoutInputs(b, func(b *testing.B, br *data.Briefing, cfg *Config, fsys fs.FS) {
		b.ReportAllocs()
		var pages int
		for b.Loop() {
			res, err := loadResources(cfg, fsys)
			if err != nil {
				b.Fatal(err)
			}
			d, err := compose(br, cfg, res, nil)
			if err != nil {
				b.Fatal(err)
			}
			lay, err := paginate(d)
			if err != nil {
				b.Fatal(err)
			}
			pages = lay.pageCount()
		}
		b.ReportMetric(float64(pages), "pages")
	})
}

// BenchmarkWritePDF measures the write stage of Build on finished
// frames: charts through pdfcanvas, font embedding and subsetting,
// compression and fpdf's output.
func BenchmarkWritePDF(b *testing.B) {
	layoutInputs(b, func(b *testing.B, br *data.Briefing, cfg *Config, fsys fs.FS) {
		st, err := runStages(br, cfg, fsys, Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		want, _, err := buildPDF(br, cfg, fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		var pdf []byte
		for b.Loop() {
			if pdf, err = writeFrames(st); err != nil {
				b.Fatal(err)
			}
		}
		if !bytes.Equal(pdf, want) {
			b.Fatal("the write stage's PDF of finished frames differs from Build's")
		}
		b.ReportMetric(float64(len(pdf)), "pdf-bytes")
	})
}
