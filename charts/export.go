package charts

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// File names of the figures, without extension: the CLI writes
// TimelineFile+".svg" and so on.
const (
	TimelineFile  = "timeline"
	FrequencyFile = "actor-frequency"
)

// Formats are the formats Export writes.
var Formats = []string{"svg", "png"}

// maxSide bounds a figure's side (in points, about 5 m) so that a typo
// cannot ask for a gigapixel image.
const maxSide = 15000

// Export draws p at w×h and writes it to out as format: "svg" (gonum's
// vgsvg, fonts referenced by name) or "png" (vgimg at 192 dpi, white
// background). Both depend only on the plot. It fails, without writing,
// on an unknown format, a size that is not positive and finite or is
// larger than about 5 m, or a drawing that fails.
//
// A chart as a PDF is the report's (report.Figure.PDF): drawn on the
// briefing's own PDF writer, in its embedded fonts, reproducibly.
func Export(p *plot.Plot, w, h vg.Length, format string, out io.Writer) (err error) {
	if p == nil {
		return fmt.Errorf("charts: export: nil plot")
	}
	if !(w > 0 && h > 0) || math.IsInf(float64(w), 0) || math.IsInf(float64(h), 0) || w > maxSide || h > maxSide {
		return fmt.Errorf("charts: export: size %v×%v: want positive and at most %v on a side", w, h, vg.Length(maxSide))
	}
	var c vg.CanvasWriterTo
	switch format {
	case "svg":
		c = vgsvg.New(w, h)
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(192))}
	default:
		return fmt.Errorf("charts: export: format %q: want svg or png (a PDF is report.Figure.PDF)", format)
	}
	if err := drawSafely(p, draw.New(c)); err != nil {
		return err
	}
	_, err = c.WriteTo(out)
	return err
}

// drawSafely draws p on c, turning a panic in gonum's drawing (a font
// missing from a cache, an invalid legend position) into an error.
func drawSafely(p *plot.Plot, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("charts: drawing failed: %v", r)
		}
	}()
	p.Draw(c)
	return nil
}
