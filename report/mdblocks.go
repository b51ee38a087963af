package report

import (
	"strings"

	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// The blocks a section's Markdown may hold besides paragraphs: pipe
// tables, set like the chronology, and images (imagefigure.go).

// mdBlock adds a section's table or image.
func (d *doc) mdBlock(mp mdPara, w where) error {
	if mp.Table != nil {
		d.mdTable(mp.Table, w)
		return nil
	}
	return d.imageFigure(mp.Image, w)
}

// cellRuns restyles a cell's Markdown runs in the tables' face and size,
// keeping bold, italic, links and strikes; bold makes every run bold.
func (d *doc) cellRuns(runs []typeset.Run, bold bool) []typeset.Run {
	out := make([]typeset.Run, len(runs))
	for i, r := range runs {
		b := bold || strings.Contains(r.Style.Font, "bold")
		it := strings.Contains(r.Style.Font, "italic")
		scale := d.small / d.size
		r.Style.Font = face(d.head, b, it)
		r.Style.Size *= scale
		r.Style.Rise *= scale
		out[i] = r
	}
	return out
}

// mdTable sets a pipe table as the chronology is set: a header row in
// the accent colour that repeats on each page, striped rows, the small
// size; its caption ("Table 2. …") above it, numbered in order, with an
// anchor table-N.
func (d *doc) mdTable(t *mdTable, w where) {
	d.tables++
	n := d.tables
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	// Column widths follow the natural width of their widest cell,
	// no column narrower than a tenth of the share of an equal split.
	natural := make([]float64, cols)
	measure := func(cells []mdCell, bold bool) {
		for i, c := range cells {
			wd := 0.0
			for _, r := range d.cellRuns(c.Runs, bold) {
				wd += d.width(r.Style.Font, r.Style.Size, r.Text)
			}
			natural[i] = max(natural[i], wd)
		}
	}
	measure(t.Header, true)
	for _, r := range t.Rows {
		measure(r, false)
	}
	total := 0.0
	for _, v := range natural {
		total += v
	}
	fracs := make([]float64, cols)
	for i, v := range natural {
		fracs[i] = max(v, total/float64(cols)*0.35, 1)
	}
	te := &tableElem{padX: 4, padY: 3.5, stripe: d.shade, head: d.accent, pageH: d.textH}
	te.where = w
	sumF := sum(fracs)
	for _, f := range fracs {
		te.widths = append(te.widths, (d.textW+2*te.padX)*f/sumF)
	}
	te.widths = atLeast(te.widths, d.small*1.1+2*te.padX)
	align := func(i int) typeset.Align {
		if i < len(t.Align) {
			switch t.Align[i] {
			case extast.AlignRight:
				return typeset.Right
			case extast.AlignCenter:
				return typeset.Center
			}
		}
		return typeset.Left
	}
	row := func(cells []mdCell, head bool) []cell {
		out := make([]cell, cols)
		for i := range cols {
			var runs []typeset.Run
			if i < len(cells) {
				runs = d.cellRuns(cells[i].Runs, head)
			}
			p := d.alignedCellPara(runs, te.widths[i]-2*te.padX, align(i), w)
			if head {
				p.color = d.accent
			}
			out[i] = cell{paras: []*paraElem{p}}
		}
		return out
	}
	te.rows = append(te.rows, row(t.Header, true))
	for _, r := range t.Rows {
		te.rows = append(te.rows, row(r, false))
	}
	te.blk = typeset.Block{SpaceBefore: d.lead * 0.3, SpaceAfter: d.lead, Orphans: 2, Widows: 2}
	te.measure()

	font := face(d.head, false, false)
	bold := face(d.head, true, false)
	runs := []typeset.Run{d.colored(d.t("table.caption", "n", n), bold, d.small, d.accent)}
	if len(t.Caption) > 0 {
		runs = append(runs, d.run(" ", font, d.small))
		runs = append(runs, d.cellRuns(t.Caption, false)...)
	}
	cw := w
	cw.What = w.What + ", table " + itoa(n) + " caption"
	p := &paraElem{lead: d.smallLead, width: d.textW, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), align: typeset.Left}
	p.where = cw
	// The caption is the table's: a Caption in its Table.
	te.node = frames.NewNode(frames.Table, nil)
	p.node = frames.NewNode(frames.Caption, te.node)
	p.lines = d.lines(runs, d.textW, 0, typeset.Left, cw)
	p.names = []string{"table-" + itoa(n)}
	p.blk.SpaceBefore = d.lead * 0.5
	p.blk.KeepWithNext = true
	d.elems = append(d.elems, p, te)
}
