package report

import (
	"gonum.org/v1/plot"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// figureElem is a chart with its numbered caption; it floats.
type figureElem struct {
	plot      *plot.Plot
	image     string // or an image of the doc's images, by name (imagefigure.go)
	chart     string // the chart's file name stem (Figure.Name)
	w, h      float64
	textW     float64
	gap       float64
	caption   *paraElem
	name      string
	outline   string
	level     int
	padBottom float64
	// split: the figure is taller than the page even with the chart at
	// its least height (a long caption in large type): it does not float
	// and its caption breaks across pages, a unit a line, the chart with
	// the first.
	split bool
	blockBase
}

func (fg *figureElem) height() float64 {
	return fg.h + fg.gap + sum(fg.caption.units()) + fg.padBottom
}

func (fg *figureElem) block() typeset.Block {
	b := fg.blk
	if fg.split {
		b.Units = fg.caption.units()
		b.Units[0] += fg.h + fg.gap
		b.Units[len(b.Units)-1] += fg.padBottom
		return b
	}
	b.Units = []float64{fg.height()}
	return b
}

func (fg *figureElem) anchors() []anchorAt { return []anchorAt{{fg.name, 0}} }

func (fg *figureElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	if fg.split && from > 0 {
		fg.caption.draw(f, c, from, to, false, x, y)
		return
	}
	if fg.split {
		defer fg.caption.draw(f, c, 0, to, false, x, y+fg.h+fg.gap)
	}
	f.anchor(fg.name, y)
	if fg.outline != "" {
		f.bookmark(fg.outline, fg.level, y)
	}
	f.node = fg.node
	// A chart narrower than the text is centred over its caption.
	if fg.image != "" {
		f.items = append(f.items, frames.Item{Kind: frames.Image, X: x + (fg.textW-fg.w)/2, Y: y, W: fg.w, H: fg.h, Name: fg.image, Node: f.node})
	} else {
		f.items = append(f.items, frames.Item{Kind: frames.Chart, X: x + (fg.textW-fg.w)/2, Y: y, W: fg.w, H: fg.h, Plot: fg.plot, Node: f.node})
	}
	if !fg.split {
		fg.caption.draw(f, c, 0, len(fg.caption.lines), false, x, y+fg.h+fg.gap)
	}
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

// groupElem stacks paragraphs that must stay together (a pull quote and
// its attribution) as a single unit. A group taller than the page
// (split, set when composed) has a unit per line instead, so that it
// breaks across pages like a paragraph rather than running past the foot.
type groupElem struct {
	parts []*paraElem
	gaps  []float64 // space above each part
	rule  *Color
	ruleW float64
	split bool
	blockBase
}

func (g *groupElem) height() float64 {
	h := 0.0
	for i, p := range g.parts {
		h += g.gaps[i] + sum(p.units())
	}
	return h
}

// lineUnits is a unit per line of every part, the gap above a part in
// its first line's unit; part and line say where each unit comes from.
func (g *groupElem) lineUnits() (units []float64, part, line []int) {
	for i, p := range g.parts {
		for k, u := range p.units() {
			if k == 0 {
				u += g.gaps[i]
			}
			units = append(units, u)
			part = append(part, i)
			line = append(line, k)
		}
	}
	return units, part, line
}

func (g *groupElem) block() typeset.Block {
	b := g.blk
	if g.split {
		b.Units, _, _ = g.lineUnits()
		b.Orphans, b.Widows = 2, 2
		return b
	}
	b.Units = []float64{g.height()}
	return b
}

func (g *groupElem) draw(f *frame, c *drawCtx, from, to int, head bool, x, y float64) {
	node := g.nodeOr(frames.BlockQuote, nil)
	for _, p := range g.parts {
		p.nodeOr(frames.P, node)
	}
	f.node = frames.LayoutArtifact
	// A right-to-left quotation has its rule on the right (its parts
	// are mirrored with it: quotes).
	ruleX := 0.0
	if len(g.parts) > 0 && g.parts[0].rtl() {
		ruleX = g.parts[0].mirrorX(0, g.ruleW)
	}
	if !g.split {
		if g.rule != nil {
			f.rect(x+ruleX, y+2, g.ruleW, g.height()-4, *g.rule)
		}
		cy := y
		for i, p := range g.parts {
			cy += g.gaps[i]
			p.draw(f, c, 0, len(p.lines), false, x, cy)
			cy += sum(p.units())
		}
		return
	}
	units, part, line := g.lineUnits()
	total := sum(units[from:to])
	if g.rule != nil {
		top, bot := y, y+total
		if from == 0 {
			top += 2
		}
		if to == len(units) {
			bot -= 2
		}
		f.rect(x+ruleX, top, g.ruleW, bot-top, *g.rule)
	}
	f.node = node
	cy := y
	for u := from; u < to; {
		// The run of this part's lines on the page, drawn as the part.
		i, k := part[u], line[u]
		end := u
		for end < to && part[end] == i {
			end++
		}
		py := cy
		if k == 0 {
			py += g.gaps[i]
		}
		g.parts[i].draw(f, c, k, k+end-u, false, x, py)
		cy += sum(units[u:end])
		u = end
	}
}
