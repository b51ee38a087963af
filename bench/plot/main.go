// Command plot draws the growth curve of docs/performance.md from the
// output of `scripts/bench process`: wall time and peak RSS of the whole
// process against the number of events, on log–log axes, one line per
// measured binary, with the targets and Typst's figures for reference.
//
//	go run ./bench/plot -o docs/images/performance.png \
//		"before=$OUT/process-1.txt" "after=$OUT/process-2.txt"
//
// Each argument is LABEL=FILE; FILE holds BenchmarkProcess lines (one per
// run or medians); the median of each input's lines is plotted. The
// built-in briefing is placed at its number of events (-builtin-events).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/briefing-pdf/briefing/internal/fonts"
)

func main() {
	out := flag.String("o", "performance.png", "output PNG `file`")
	builtin := flag.Int("builtin-events", 24, "number of events of the built-in briefing")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: plot [-o FILE] LABEL=FILE...")
		os.Exit(2)
	}
	var all []series
	for _, arg := range flag.Args() {
		label, file, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "plot: %q: want LABEL=FILE\n", arg)
			os.Exit(2)
		}
		f, err := os.Open(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, "plot:", err)
			os.Exit(1)
		}
		pts, err := parse(f, *builtin)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "plot: %s: %v\n", file, err)
			os.Exit(1)
		}
		all = append(all, series{label, pts})
	}
	if err := write(*out, all); err != nil {
		fmt.Fprintln(os.Stderr, "plot:", err)
		os.Exit(1)
	}
}

// point is one input's medians.
type point struct {
	Events  int
	Seconds float64
	RSSMB   float64
}

type series struct {
	label  string
	points []point
}

// parse reads BenchmarkProcess lines and returns, per input, the median
// wall time and peak RSS, in order of events.
func parse(r io.Reader, builtinEvents int) ([]point, error) {
	walls := map[int][]float64{}
	rss := map[int][]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !strings.HasPrefix(f[0], "BenchmarkProcess/input=") {
			continue
		}
		input := strings.TrimPrefix(f[0], "BenchmarkProcess/input=")
		var n int
		switch {
		case input == "builtin":
			n = builtinEvents
		case strings.HasPrefix(input, "events-"):
			v, err := strconv.Atoi(strings.TrimPrefix(input, "events-"))
			if err != nil {
				return nil, fmt.Errorf("input %q: %v", input, err)
			}
			n = v
		default:
			return nil, fmt.Errorf("unknown input %q", input)
		}
		// Value–unit pairs follow the name and the run count.
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: value %q: %v", f[0], f[i], err)
			}
			switch f[i+1] {
			case "ns/op":
				walls[n] = append(walls[n], v/1e9)
			case "peak-RSS-MB":
				rss[n] = append(rss[n], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var pts []point
	for n, w := range walls {
		pts = append(pts, point{Events: n, Seconds: median(w), RSSMB: median(rss[n])})
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("no BenchmarkProcess lines")
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].Events < pts[j].Events })
	return pts, nil
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Targets of issue 6 and Typst's figures on the same machine, for
// reference.
var (
	targetTime = plotter.XYs{{X: 24, Y: 0.030}, {X: 1000, Y: 0.200}, {X: 10000, Y: 2}}
	targetRSS  = plotter.XYs{{X: 24, Y: 60}, {X: 1000, Y: 150}, {X: 10000, Y: 400}}
	typstTime  = plotter.XYs{{X: 24, Y: 0.3}, {X: 1000, Y: 2.3}, {X: 10000, Y: 18}}
	typstRSS   = plotter.XYs{{X: 10000, Y: 2048}}
)

var palette = []color.Color{
	color.RGBA{0x1f, 0x4e, 0x79, 0xff},
	color.RGBA{0xd5, 0x5e, 0x00, 0xff},
	color.RGBA{0x00, 0x9e, 0x73, 0xff},
	color.RGBA{0xcc, 0x79, 0xa7, 0xff},
}

func write(name string, series []series) error {
	set := fonts.New()
	cache := set.PlotCache()
	plot.DefaultFont.Variant = "Sans" // Liberation Sans, the charts' face
	timeP, err := panel(cache, "Wall time (s)", series, func(p point) float64 { return p.Seconds }, targetTime, typstTime)
	if err != nil {
		return err
	}
	rssP, err := panel(cache, "Peak RSS (MB)", series, func(p point) float64 { return p.RSSMB }, targetRSS, typstRSS)
	if err != nil {
		return err
	}
	// One legend, in the top left of the right panel, above its curves:
	// the top of its scale is raised to leave it room.
	timeP.Legend = plot.NewLegend()
	rssP.Y.Max *= 4
	w, h := 17*vg.Centimeter, 8*vg.Centimeter
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Millimeter * 4}
	canvases := plot.Align([][]*plot.Plot{{timeP, rssP}}, tiles, dc)
	timeP.Draw(canvases[0][0])
	rssP.Draw(canvases[0][1])
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func panel(cache *font.Cache, ylabel string, series []series, y func(point) float64, target, typst plotter.XYs) (*plot.Plot, error) {
	p := plot.New()
	p.TextHandler = text.Plain{Fonts: cache}
	p.X.Label.Text = "events"
	p.Y.Label.Text = ylabel
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(6), -vg.Points(20) // inside the frame
	for i, s := range series {
		xys := make(plotter.XYs, len(s.points))
		for k, pt := range s.points {
			xys[k] = plotter.XY{X: float64(pt.Events), Y: y(pt)}
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		c := palette[i%len(palette)]
		l.Color, pts.Color = c, c
		l.Width = vg.Points(1.5)
		pts.Shape = draw.CircleGlyph{}
		p.Add(l, pts)
		p.Legend.Add(s.label, l, pts)
	}
	for _, ref := range []struct {
		label string
		xys   plotter.XYs
		shape draw.GlyphDrawer
		c     color.Color
	}{
		{"target", target, draw.TriangleGlyph{}, color.Gray{0x40}},
		{"Typst", typst, draw.CrossGlyph{}, color.Gray{0x80}},
	} {
		sc, err := plotter.NewScatter(ref.xys)
		if err != nil {
			return nil, err
		}
		sc.Shape, sc.Color, sc.Radius = ref.shape, ref.c, vg.Points(3.5)
		p.Add(sc)
		p.Legend.Add(ref.label, sc)
	}
	return p, nil
}
