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

	"github.com/briefing-pdf/briefing/data"
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

// honest is the sample with the marks of issue 13: a month range (the
// Lachin blockade, to the end of September), an interval of
// uncertainty, a year event in the undated strip, a mix of kinds on one
// day, and more key events than fit, so that some go to the numbered key.
func honest() *data.Briefing {
	b := sample()
	b.Events = append(b.Events,
		data.Event{ID: "blockade", Date: date(2022, 12, 1), End: date(2023, 9, 1), Precision: data.Month, Title: "Blockade of the Lachin corridor", Kind: "conflict", Track: "background", Key: true},
		data.Event{ID: "after-nov", Date: date(2023, 11, 21), NotBefore: date(2023, 11, 21), NotAfter: date(2023, 12, 31), Title: "Statement after the cancelled round", Kind: "statement", Track: "armenia-azerbaijan", Key: true},
		data.Event{ID: "same-day", Date: date(2023, 10, 3), Title: "A statement on the day of the call", Kind: "statement", Track: "armenia-turkiye", Key: true},
	)
	for i := 0; i < 8; i++ {
		b.Events = append(b.Events, data.Event{ID: data.ID(fmt.Sprintf("k%d", i)), Date: date(2023, 3, 1+3*i),
			Title: "A key event with a title too long for the room there is", Kind: "meeting", Track: "armenia-azerbaijan", Key: true})
	}
	return b
}

func TestTimelineHonestGolden(t *testing.T) {
	p, err := NewTimeline(honest(), TimelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline-honest.golden", record(t, p, 16*vg.Centimeter, 9*vg.Centimeter))
}

func TestFrequencyGolden(t *testing.T) {
	p, err := NewActorFrequency(genBriefing(3, 80), FrequencyOptions{Top: 3, ShowRole: true})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "frequency-sample.golden", record(t, p, 16*vg.Centimeter, 9*vg.Centimeter))
}
