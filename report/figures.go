package report

import (
	"fmt"
	"io/fs"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"briefing/charts"
	"briefing/data"
)

// Figure is one chart as the briefing shows it: the plot, drawn in the
// configured fonts, colours and options, and its size on the page.
type Figure struct {
	Name          string // file-name stem: "timeline", "actor-frequency"
	Plot          *plot.Plot
	Width, Height vg.Length
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
			out = append(out, Figure{"timeline", p, vg.Length(tw), vg.Length(th)})
		case BlockActors:
			opt := cfg.FrequencyOptions()
			opt.Theme.Fonts = set.PlotCache()
			p, err := charts.NewActorFrequency(cb, opt)
			if err != nil {
				return nil, fmt.Errorf("actor frequency: %w", err)
			}
			out = append(out, Figure{"actor-frequency", p, vg.Length(fw), vg.Length(fh)})
		}
	}
	return out, nil
}
