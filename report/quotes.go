package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// quotes are the events' quotations as pull quotes, in date order.
func (d *doc) quotes() error {
	var evs []*data.Event
	for _, e := range d.b.Chronology() {
		if len(e.Quotes) > 0 {
			evs = append(evs, e)
		}
	}
	if len(evs) == 0 {
		return nil
	}
	d.heading("", d.t("heading.quotes"), 0, "quotes", d.b.Meta.Pos)
	qsize := d.size + 1.5
	qlead := qsize * 1.3
	italic := face(d.body, false, true)
	sans := face(d.head, false, false)
	sansBold := face(d.head, true, false)
	indent := d.lead * 1.2
	first := true
	for _, e := range evs {
		for qi, q := range e.Quotes {
			w := where{Pos: e.Pos, What: fmt.Sprintf("event %q quote %d", e.ID, qi+1)}
			text := d.para([]typeset.Run{d.run(d.loc.Quote(d.smartInner(strings.TrimSpace(q.Text))), italic, qsize)},
				paraOpts{size: qsize, lead: qlead, indent: indent, align: typeset.Left, where: w})
			var attr []typeset.Run
			if a := d.b.Actor(q.By); a != nil {
				attr = append(attr, d.run("— "+a.Name, sansBold, d.small))
				if a.Role != "" {
					attr = append(attr, d.colored(", "+a.Role, sans, d.small, d.muted))
				}
			}
			attr = append(attr, d.colored(" · "+eventDate(d.loc, e)+", "+e.Title, sans, d.small, d.muted))
			at := d.para(attr, paraOpts{size: d.small, lead: d.smallLead, indent: indent, align: typeset.Left, where: w})
			// A right-to-left quotation has its rule on the right, and
			// its attribution set off from it as the quotation is.
			at.mirror = text.rtl()
			g := &groupElem{parts: []*paraElem{text, at}, gaps: []float64{0, d.lead * 0.25},
				rule: &d.accent, ruleW: 2.5}
			// A quote taller than the page breaks between its lines.
			g.split = g.height() > d.textH
			g.where = text.where
			g.blk = typeset.Block{SpaceBefore: d.lead * 0.9, SpaceAfter: d.lead * 0.3}
			if first {
				g.blk.SpaceBefore = d.lead * 0.3
				first = false
			}
			d.elems = append(d.elems, g)
		}
	}
	return nil
}
