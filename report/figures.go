package report

import (
	"bytes"
	"fmt"
	"io/fs"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"briefing/charts"
	"briefing/data"
	"briefing/internal/fonts"
	"briefing/internal/pdfcanvas"
)

// Figure is one chart as the briefing shows it: the plot, drawn in the
// configured fonts, colours and options, and its size on the page.
type Figure struct {
	Name          string // file-name stem: "timeline", "actor-frequency"
	Plot          *plot.Plot
	Width, Height vg.Length

	fonts *fonts.Set // the faces the plot's text is set in
}

// Figures returns the charts the config's blocks include, in block order,
// exactly as Build draws them, for `briefing charts` to export. fsys is
// where the config's font files are read from.
func Figures(b *data.Briefing, cfg *Config, fsys fs.FS) ([]Figure, error) {
	set, _, err := loadResources(cfg, fsys)
	if err != nil {
		return nil, err
	}
	cb := (&doc{b: b, cfg: cfg}).chartBriefing()
	tw, th, fw, fh := cfg.ChartSizes()
	var out []Figure
	for _, blk := range cfg.Blocks {
		switch blk {
		case BlockTimeline:
			opt := cfg.TimelineOptions()
			opt.Theme.Fonts = set.PlotCache()
			p, err := charts.NewTimeline(cb, opt)
			if err != nil {
				return nil, fmt.Errorf("timeline: %w", err)
			}
			out = append(out, Figure{"timeline", p, vg.Length(tw), vg.Length(th), set})
		case BlockActors:
			opt := cfg.FrequencyOptions()
			opt.Theme.Fonts = set.PlotCache()
			p, err := charts.NewActorFrequency(cb, opt)
			if err != nil {
				return nil, fmt.Errorf("actor frequency: %w", err)
			}
			out = append(out, Figure{"actor-frequency", p, vg.Length(fw), vg.Length(fh), set})
		}
	}
	return out, nil
}

// PDF returns the figure alone as a one-page PDF of its own size, drawn
// through the same canvas as the briefing, so its text is set in the same
// embedded Unicode fonts (gonum's vgpdf encodes text in cp1252 and cannot
// set "ə"). created dates the file; zero means the briefing's date, which
// the caller passes.
func (f Figure) PDF(title string, created time.Time) ([]byte, error) {
	w, h := float64(f.Width), float64(f.Height)
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: w, Ht: h}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	created = created.UTC()
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(title, true)
	pdf.SetCreator("briefing "+Version, true)
	pdf.SetProducer("briefing "+Version+" (fpdf)", true)
	if err := pdfcanvas.Register(pdf, f.fonts); err != nil {
		return nil, fmt.Errorf("embedding fonts: %w", err)
	}
	pdf.AddPage()
	f.Plot.Draw(draw.New(pdfcanvas.New(pdf, 0, 0, w, h, nil)))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
