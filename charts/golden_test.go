package charts

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// record draws p at w×h on a vg/recorder canvas and returns its actions
// as text, one per line, with lengths rounded to 0.01 pt so that the
// golden files do not depend on floating-point contraction.
func record(t *testing.T, p *plot.Plot, w, h vg.Length) []byte {
	t.Helper()
	var rc recorder.Canvas
	if err := drawSafely(p, draw.NewCanvas(&rc, w, h)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	l := func(v vg.Length) string { return fmt.Sprintf("%.2f", float64(v)) }
	pt := func(p vg.Point) string { return l(p.X) + "," + l(p.Y) }
	path := func(p vg.Path) string {
		var s []string
		for _, c := range p {
			switch c.Type {
			case vg.MoveComp:
				s = append(s, "M"+pt(c.Pos))
			case vg.LineComp:
				s = append(s, "L"+pt(c.Pos))
			case vg.ArcComp:
				s = append(s, fmt.Sprintf("A%s r%s %.3f %.3f", pt(c.Pos), l(c.Radius), c.Start, c.Angle))
			case vg.CloseComp:
				s = append(s, "Z")
			default:
				s = append(s, fmt.Sprintf("?%d", c.Type))
			}
		}
		return strings.Join(s, " ")
	}
	for _, a := range rc.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			var r, g, b, al uint32
			if a.Color != nil {
				r, g, b, al = a.Color.RGBA()
			} else {
				r, g, b, al = color.Black.RGBA()
			}
			fmt.Fprintf(&buf, "color #%02x%02x%02x%02x\n", r>>8, g>>8, b>>8, al>>8)
		case *recorder.SetLineWidth:
			fmt.Fprintf(&buf, "width %s\n", l(a.Width))
		case *recorder.SetLineDash:
			fmt.Fprintf(&buf, "dash %v %s\n", a.Dashes, l(a.Offsets))
		case *recorder.Fill:
			fmt.Fprintf(&buf, "fill %s\n", path(a.Path))
		case *recorder.Stroke:
			fmt.Fprintf(&buf, "stroke %s\n", path(a.Path))
		case *recorder.FillString:
			fmt.Fprintf(&buf, "text %s %s %s %q\n", a.Font.Name(), l(a.Size), pt(a.Point), a.String)
		case *recorder.Push:
			buf.WriteString("push\n")
		case *recorder.Pop:
			buf.WriteString("pop\n")
		default:
			fmt.Fprintf(&buf, "%T\n", a)
		}
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got %s\nwant %s\n(run go test ./charts -update if the change is intended)", file, i+1, g, w)
			}
		}
	}
}

func TestTimelineGolden(t *testing.T) {
	p, err := NewTimeline(sample(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := record(t, p, 16*vg.Centimeter, 8*vg.Centimeter)
	golden(t, "timeline-sample.golden", got)
	// Drawing is deterministic.
	if again := record(t, p, 16*vg.Centimeter, 8*vg.Centimeter); !bytes.Equal(got, again) {
		t.Error("two drawings of the same timeline differ")
	}
}

func TestTimelineDenseGolden(t *testing.T) {
	p, err := NewTimeline(genBriefing(7, 1000), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline-1000.golden", record(t, p, 16*vg.Centimeter, 8*vg.Centimeter))
}

func TestFrequencyGolden(t *testing.T) {
	p, err := NewActorFrequency(genBriefing(3, 80), FrequencyOptions{Top: 3, ShowRole: true})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "frequency-sample.golden", record(t, p, 16*vg.Centimeter, 9*vg.Centimeter))
}
