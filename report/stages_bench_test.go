package report_test

import (
	"fmt"
	"io/fs"
	"testing"

	"github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/pdfcanvas"
	"github.com/briefing-pdf/briefing/report"
)

// stageInputs are the briefings the stage benchmarks run on: the
// built-in one and synthetic ones of 1,000 and 10,000 events (the last
// skipped under -short).
func stageInputs(b *testing.B, f func(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS)) {
	b.Run("input=builtin", func(b *testing.B) {
		br, cfg := loadInput(b, briefing.Builtin, "config.toml")
		f(b, br, cfg, briefing.Builtin)
	})
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("input=events-%d", n), func(b *testing.B) {
			if n > 1000 && testing.Short() {
				b.Skip("skipped under -short")
			}
			br, cfg, fsys := synthetic(b, n)
			f(b, br, cfg, fsys)
		})
	}
}

// BenchmarkFigures builds the charts' plots (timeline and actor
// frequency: lanes, marks, counts) as the report does, and checks the
// text they draw (a draw on a canvas that only collects strings).
func BenchmarkFigures(b *testing.B) {
	stageInputs(b, func(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := report.Figures(br, cfg, fsys); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkChartDraw draws each figure on a recorder: layout, label
// placement and gonum's drawing, no PDF.
func BenchmarkChartDraw(b *testing.B) {
	stageInputs(b, func(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS) {
		figs, err := report.Figures(br, cfg, fsys)
		if err != nil {
			b.Fatal(err)
		}
		for _, fg := range figs {
			b.Run("chart="+fg.Name, func(b *testing.B) {
				var rc recorder.Canvas
				b.ReportAllocs()
				for b.Loop() {
					rc.Reset()
					fg.Plot.Draw(draw.NewCanvas(&rc, fg.Width, fg.Height))
				}
			})
		}
	})
}

// BenchmarkChartPDF draws each figure into a PDF page through
// pdfcanvas, the way the report embeds charts (font registration and
// the PDF's output are not measured).
func BenchmarkChartPDF(b *testing.B) {
	stageInputs(b, func(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS) {
		figs, err := report.Figures(br, cfg, fsys)
		if err != nil {
			b.Fatal(err)
		}
		for _, fg := range figs {
			b.Run("chart="+fg.Name, func(b *testing.B) {
				b.ReportAllocs()
				pdf := fpdf.New("P", "pt", "A4", "")
				if err := pdfcanvas.Register(pdf, fonts.New()); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					b.StopTimer()
					pdf.AddPage() // a fresh page: the content does not pile up
					b.StartTimer()
					fg.Plot.Draw(draw.New(pdfcanvas.New(pdf, 72, 72, fg.Width.Points(), fg.Height.Points(), nil)))
				}
				if err := pdf.Error(); err != nil {
					b.Fatal(err)
				}
			})
		}
	})
}
