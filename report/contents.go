package report

import (
	"fmt"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// contentsBlock reserves the contents; its entries are the headings of
// the whole document, known once everything is composed.
func (d *doc) contentsBlock() error {
	d.contentsHead = d.heading("", d.t("heading.contents"), 0, "contents", d.b.Meta.Pos)
	d.contents = &contentsElem{}
	d.contents.where = where{What: "contents"}
	d.elems = append(d.elems, d.contents)
	return nil
}

func (d *doc) layoutContents() {
	ce := d.contents
	ce.size = d.size
	ce.lead = d.lead * 1.15
	ce.font = face(d.body, false, false)
	ce.bold = face(d.body, true, false)
	ce.base = d.baseline(ce.font, ce.size, ce.lead)
	ce.color = d.ink
	ce.width = d.textW
	ce.leader = ". "
	ce.leaderW = d.width(ce.font, ce.size, ce.leader)
	ce.widthOf = d.width
	ce.numW = d.size * 2.2
	ce.pageW = d.width(ce.bold, ce.size, "000")
	ce.blk = typeset.Block{SpaceBefore: d.lead * 0.3, SpaceAfter: d.lead}
	for _, h := range d.headings {
		if h.anchor == "contents" {
			continue
		}
		indent := float64(h.level) * ce.numW
		font := ce.font
		if h.level == 0 {
			font = ce.bold
		}
		w := where{Pos: d.b.Meta.Pos, What: fmt.Sprintf("contents entry %q", h.title)}
		measure := ce.width - indent - ce.numW - ce.pageW - ce.leaderW*3
		own := false
		if measure < ce.size*3 {
			// Too narrow (large type on a narrow page) for a title, its
			// leaders and the page number side by side: the title takes
			// the whole line, the page number a line of its own when the
			// title's last line leaves it no room.
			measure = ce.width - indent - ce.numW
			own = true
		}
		if measure < ce.size*1.5 {
			// Not two characters a line: the titles would run off the
			// text area.
			d.errs = append(d.errs, &data.Error{File: d.cfg.File,
				Msg: fmt.Sprintf("page: the text area, %.0f pt wide, is too narrow for the contents in %g-pt type (it needs %.0f pt): widen the page, narrow its margins or the body size, or leave the contents out of blocks",
					d.textW, ce.size, d.textW-measure+ce.size*1.5)})
			return
		}
		h.lines = d.lines([]typeset.Run{d.run(h.title, font, ce.size)}, measure, 0, typeset.Left, w)
		if n := len(h.lines); own && n > 0 && h.lines[n-1].Width > measure-ce.pageW-ce.leaderW {
			h.lines = append(h.lines, typeset.Line{})
		}
		ce.entries = append(ce.entries, h)
	}
	ce.pageH = d.textH
	ce.measure()
}
