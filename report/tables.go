package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// The tables: the chronology and the actor annex.

// cellPara lays out a table cell's paragraph, ragged right.
func (d *doc) cellPara(runs []typeset.Run, width float64, w where) *paraElem {
	return d.alignedCellPara(runs, width, typeset.Left, w)
}

func (d *doc) alignedCellPara(runs []typeset.Run, width float64, align typeset.Align, w where) *paraElem {
	font := face(d.head, false, false)
	p := &paraElem{lead: d.smallLead, width: width, color: d.ink,
		base: d.baseline(font, d.small, d.smallLead), align: align}
	p.where = w
	p.lines = d.lines(inTables(runs, d.fonts.Shaping()), width, 0, align, w)
	return p
}

func (d *doc) textCell(s string, font string, width float64, w where) cell {
	return cell{paras: []*paraElem{d.cellPara([]typeset.Run{d.run(s, font, d.small)}, width, w)}}
}

// lastCell is a cell of a table's last column, set flush right so that
// the table's text ends where the body text does.
func (d *doc) lastCell(s string, font string, width float64, w where) cell {
	return cell{paras: []*paraElem{d.alignedCellPara([]typeset.Run{d.run(s, font, d.small)}, width, typeset.Right, w)}}
}

// table makes a table element from column fractions of the text width.
// The cells' padding hangs into the margins, so that the text of the
// first column starts, and that of the last (set flush right) ends, where
// the body text does.
// table starts a table with a header row; numeric puts the last column
// flush right, for numbers.
func (d *doc) table(fracs []float64, header []string, w where, numeric bool) *tableElem {
	t := &tableElem{padX: 4, padY: 3.5, stripe: d.shade, head: d.accent, pageH: d.textH}
	t.where = w
	total := sum(fracs)
	for _, f := range fracs {
		t.widths = append(t.widths, (d.textW+2*t.padX)*f/total)
	}
	t.widths = atLeast(t.widths, d.small*1.1+2*t.padX)
	bold := face(d.head, true, false)
	var row []cell
	w.Composed = true // the header's words are the language's or [labels]'
	for i, h := range header {
		c := d.textCell(h, bold, t.widths[i]-2*t.padX, w)
		if numeric && i == len(header)-1 {
			c = d.lastCell(h, bold, t.widths[i]-2*t.padX, w)
		}
		c.paras[0].color = d.accent
		row = append(row, c)
	}
	t.rows = append(t.rows, row)
	t.blk = typeset.Block{SpaceBefore: d.lead * 0.5, SpaceAfter: d.lead, Orphans: 2, Widows: 2}
	return t
}

// atLeast makes every column at least least wide (room for the widest
// letter in a cell: large type in a narrow text area), taking the room
// from the wider columns in proportion to what they have over it; all
// alike when there is not enough for that.
func atLeast(widths []float64, least float64) []float64 {
	total, short, spare := sum(widths), 0.0, 0.0
	for _, w := range widths {
		if w < least {
			short += least - w
		} else {
			spare += w - least
		}
	}
	if short == 0 {
		return widths
	}
	out := make([]float64, len(widths))
	for i, w := range widths {
		switch {
		case spare < short:
			out[i] = total / float64(len(widths))
		case w < least:
			out[i] = least
		default:
			out[i] = w - (w-least)*short/spare
		}
	}
	return out
}

// chronology is the table of events in date order.
func (d *doc) chronology() error {
	evs := d.b.Chronology()
	if len(evs) == 0 {
		return nil
	}
	d.heading("", d.t("heading.chronology"), 0, "chronology", d.b.Meta.Pos)
	t := d.table([]float64{0.16, 0.48, 0.2, 0.16}, []string{d.t("table.date"), d.t("table.event"), d.t("table.actors"), d.t("table.location")},
		where{Pos: d.b.Meta.Pos, What: "chronology"}, false)
	sans := face(d.head, false, false)
	bold := face(d.head, true, false)
	for _, e := range evs {
		w := where{Pos: e.Pos, What: fmt.Sprintf("event %q", e.ID)}
		cw := func(i int) float64 { return t.widths[i] - 2*t.padX }
		title := d.cellPara([]typeset.Run{d.run(d.smart(e.Title), bold, d.small)}, cw(1), w)
		title.names = []string{eventAnchor(e.ID)}
		ev := cell{paras: []*paraElem{title}}
		if strings.TrimSpace(e.Summary) != "" {
			st := d.mdStyle(d.small)
			st.Family = d.head
			d.notePos, d.noteWhat = e.Pos, w.What+" summary"
			runs, err := d.inlineMarkdown(e.Summary, st)
			if err != nil {
				return d.atErr(where{Pos: e.Pos, What: w.What + " summary"}, err)
			}
			sw := where{Pos: e.Pos, What: w.What + " summary"}
			ev.paras = append(ev.paras, d.cellPara(runs, cw(1), sw))
		}
		var names []string
		for _, id := range e.Actors {
			if a := d.b.Actor(id); a != nil {
				names = append(names, a.Name)
			}
		}
		if n := basisNote(d.loc, e); n != "" {
			ev.paras = append(ev.paras, d.cellPara([]typeset.Run{d.colored(n, face(d.head, false, true), d.small, d.muted)}, cw(1), w))
		}
		date := d.textCell(marked(eventDate(d.loc, e), e.Basis.Date), sans, cw(0), w)
		if e.Kind != "" {
			kind := d.cellPara([]typeset.Run{d.colored(charts.KindName(e.Kind), face(d.head, false, true), d.small, d.muted)}, cw(0), w)
			date.paras = append(date.paras, kind)
		}
		row := []cell{
			date,
			ev,
			d.textCell(marked(strings.Join(names, ", "), e.Basis.Actors), sans, cw(2), w),
			d.textCell(marked(e.Location, e.Basis.Place), sans, cw(3), w),
		}
		t.rows = append(t.rows, row)
	}
	t.measure()
	if key := d.chronologyKey(); key != nil {
		t.blk.SpaceBefore = d.lead * 0.3
		d.elems = append(d.elems, key)
	}
	d.elems = append(d.elems, t)
	return nil
}

// annex lists the actors with their role, party and number of events.
func (d *doc) annex() error {
	if len(d.b.Actors) == 0 {
		return nil
	}
	d.heading("", d.t("heading.annex"), 0, "annex", d.b.Meta.Pos)
	t := d.table([]float64{0.27, 0.43, 0.18, 0.12}, []string{d.t("table.name"), d.t("table.role"), d.t("table.party"), d.t("table.events")},
		where{Pos: d.b.Meta.Pos, What: "actor annex"}, true)
	counts := map[data.ID]int{}
	for _, ac := range d.b.ActorFrequency() {
		counts[ac.Actor.ID] = ac.Events
	}
	sans := face(d.head, false, false)
	bold := face(d.head, true, false)
	for _, a := range actorsByParty(d.b) {
		w := where{Pos: a.Pos, What: fmt.Sprintf("actor %q", a.ID)}
		cw := func(i int) float64 { return t.widths[i] - 2*t.padX }
		party := cell{}
		if p := d.b.Party(a.Party); p != nil {
			sw := d.small * 0.8
			party = d.textCell(p.Name, sans, cw(2)-sw*1.6, w)
			party.paras[0].indent = sw * 1.6
			c := d.partyColor(p)
			party.swatch, party.swatchSize = &c, sw
		}
		row := []cell{
			d.textCell(a.Name, bold, cw(0), w),
			d.textCell(a.Role, sans, cw(1), w),
			party,
			d.lastCell(itoa(counts[a.ID]), sans, cw(3), w),
		}
		t.rows = append(t.rows, row)
	}
	t.measure()
	d.elems = append(d.elems, t)
	return nil
}

// actorsByParty returns the actors grouped by party, parties in file
// order, actors without a party last; file order within a group.
func actorsByParty(b *data.Briefing) []*data.Actor {
	var out []*data.Actor
	for _, p := range b.Parties {
		for i := range b.Actors {
			if b.Actors[i].Party == p.ID {
				out = append(out, &b.Actors[i])
			}
		}
	}
	for i := range b.Actors {
		if b.Party(b.Actors[i].Party) == nil {
			out = append(out, &b.Actors[i])
		}
	}
	return out
}

// partyColor is the party's colour, as the charts show it.
func (d *doc) partyColor(p *data.Party) Color {
	if d.partyColors == nil {
		d.partyColors = partyColors(d.b, d.cfg)
	}
	return d.partyColors[p.ID]
}

// eventAnchor names an event's row in the chronology.
func eventAnchor(id data.ID) string { return "event-" + string(id) }
