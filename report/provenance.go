package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Provenance on the page: the confidence tag of each key judgment, the
// source card and the methodology note that follow the key judgments, and
// the daggers that mark inferred dates, places and participants in the
// chronology. Everything here is written from the data.

// dagger marks what the author inferred rather than read in a source.
const dagger = "†"

// confidenceTag is the label a judgment starts with.
func confidenceTag(l *i18n.Locale, c data.Confidence) string {
	s := c.String()
	if s == "" {
		return ""
	}
	return l.T("confidence." + s)
}

// judgmentParas renders the key judgments as a bulleted list, each
// starting with its confidence tag.
func (d *doc) judgmentParas() ([]mdPara, []where, error) {
	var out []mdPara
	var ws []where
	tagFont := face(d.head, true, false)
	for i, j := range d.b.Judgments {
		w := where{Pos: j.Pos, What: fmt.Sprintf("judgment %d", i+1)}
		d.notePos, d.noteWhat = j.Pos, w.What
		paras, err := d.markdown(strings.TrimSpace(j.Text), d.size)
		if err != nil {
			return nil, nil, d.atErr(w, err)
		}
		for k := range paras {
			mp := &paras[k]
			mp.Level++
			if k == 0 {
				mp.Marker = "•"
				mp.Start = i == 0
				tag := d.colored(confidenceTag(d.loc, j.Confidence)+d.t("list.stop"), tagFont, d.size*0.82, d.accent)
				mp.Runs = append([]typeset.Run{tag, d.run(" ", face(d.body, false, false), d.size)}, mp.Runs...)
			}
			out = append(out, *mp)
			ws = append(ws, w)
		}
	}
	return out, ws, nil
}

// provenance adds the source card and the methodology note.
func (d *doc) provenance() error {
	if len(d.b.Sources) == 0 && len(d.b.Events) == 0 {
		return nil
	}
	w := where{Pos: d.b.Meta.Pos, What: "source card", Composed: true}
	sans := face(d.head, false, false)
	bold := face(d.head, true, false)
	italic := face(d.head, false, true)
	small, lead := d.small, d.smallLead
	card := d.sourceCardLines()
	var paras []*paraElem
	add := func(runs []typeset.Run, color *Color) {
		p := d.para(runs, paraOpts{size: small, lead: lead, align: typeset.Left, where: w, color: color})
		p.base = d.baseline(sans, small, lead)
		paras = append(paras, p)
	}
	add([]typeset.Run{d.colored(d.t("card.sourcing"), bold, small, d.accent), d.run(" "+card.count, sans, small)}, nil)
	for _, s := range card.items {
		add([]typeset.Run{d.run(s.title, italic, small), d.run(s.rest, sans, small)}, nil)
	}
	if card.warning != "" {
		add([]typeset.Run{d.colored(d.t("card.caution")+" ", bold, small, d.accent), d.run(card.warning, bold, small)}, nil)
	}
	pad := lead * 0.6
	bleed := min(d.lead, d.cfg.Page.Margins.Left*0.6, d.cfg.Page.Margins.Right*0.6)
	for i, p := range paras {
		p.fill, p.boxX, p.boxW = &d.shade, -bleed, d.textW+2*bleed
		p.blk.SpaceBefore, p.blk.SpaceAfter = 0, 0
		if i == 0 {
			p.blk.SpaceBefore = d.lead * 0.8
			p.padTop = pad
		}
		if i == len(paras)-1 {
			p.padBottom = pad
		}
		p.blk.KeepWithNext = i < len(paras)-1
		d.elems = append(d.elems, p)
	}
	// The methodology note.
	mw := where{Pos: d.b.Meta.Pos, What: "methodology note", Composed: true}
	for i, text := range d.methodology() {
		runs := []typeset.Run{d.run(text[1], sans, small)}
		if text[0] != "" {
			runs = append([]typeset.Run{d.run(text[0]+" ", bold, small)}, runs...)
		}
		p := d.para(runs, paraOpts{size: small, lead: lead, where: mw})
		p.base = d.baseline(sans, small, lead)
		p.blk.SpaceBefore = lead * 0.3
		if i == 0 {
			p.blk.SpaceBefore = d.lead * 0.8
		}
		d.elems = append(d.elems, p)
	}
	return nil
}

// sourceCard is what the source card says.
type sourceCard struct {
	count   string // "1 source: 1 opinion piece."
	items   []cardItem
	warning string // "" when the sourcing is broad enough
}

type cardItem struct{ title, rest string }

// maxCardItems is how many sources the card names one by one.
const maxCardItems = 3

// sourceCardLines writes the source card: the sources the briefing rests
// on, counted by kind, each named when there are few, and a warning when
// they are one, none, or opinion only.
func (d *doc) sourceCardLines() sourceCard {
	used := d.b.UsedSources()
	if len(used) == 0 {
		for i := range d.b.Sources {
			used = append(used, &d.b.Sources[i])
		}
	}
	var c sourceCard
	l := d.loc
	n := map[data.SourceKind]int{}
	for _, s := range used {
		n[s.Kind]++
	}
	var parts []string
	for _, k := range append(append([]data.SourceKind(nil), data.SourceKinds...), "") {
		if n[k] > 0 {
			parts = append(parts, l.T("kind.count."+kindID(k), "n", n[k]))
		}
	}
	c.count = l.T("card.count", "n", len(used))
	switch {
	case len(used) == 1 && len(parts) == 1:
		if used[0].Kind == "" {
			c.count = l.T("card.one_unstated")
		} else {
			c.count = l.T("card.one_source", "kind", l.T("kind.a."+kindID(used[0].Kind)))
		}
	case len(parts) > 0:
		c.count = l.T("card.breakdown", "count", c.count, "kinds", l.JoinAnd(parts))
	}
	c.count += l.T("list.stop")
	if len(used) <= maxCardItems {
		for _, s := range used {
			var rest []string
			if s.Publisher != "" {
				rest = append(rest, s.Publisher)
			}
			if !s.Date.IsZero() {
				rest = append(rest, d.date(s.Date))
			}
			if about := sourceAbout(l, s); about != "" {
				rest = append(rest, strings.TrimSuffix(about, l.T("list.stop")))
			}
			it := cardItem{title: s.Title}
			if len(rest) > 0 {
				it.rest = " — " + strings.Join(rest, l.T("list.stop")+" ") + l.T("list.stop")
			}
			c.items = append(c.items, it)
		}
	}
	opinion := len(used) > 0 && n[data.KindOpinion] == len(used)
	switch {
	case len(used) == 0 && len(d.b.Events) > 0:
		c.warning = l.T("card.no_source")
	case len(used) == 1 && opinion:
		c.warning = l.T("card.one_opinion")
	case len(used) == 1:
		c.warning = l.T("card.one")
	case opinion:
		c.warning = l.T("card.all_opinion")
	}
	return c
}

// kindID is a source kind's message id: "unstated" for none.
func kindID(k data.SourceKind) string {
	if k == "" {
		return "unstated"
	}
	return string(k)
}

// sourceAbout says what sort of source s is, for the sources list:
// "Opinion piece; perspective: …; reliability cannot be judged (F);
// accessed 10 January 2024." or "" when the data says none of it.
func sourceAbout(l *i18n.Locale, s *data.Source) string {
	var parts []string
	if s.Kind != "" {
		parts = append(parts, l.T("kind.name."+kindID(s.Kind)))
	}
	if s.Perspective != "" {
		parts = append(parts, l.T("about.perspective", "perspective", s.Perspective))
	}
	switch s.Reliability {
	case "":
	case "F":
		parts = append(parts, l.T("reliability.F"))
	default:
		parts = append(parts, l.T("reliability.graded", "name", l.T("reliability."+s.Reliability), "grade", s.Reliability))
	}
	if !s.Accessed.IsZero() {
		parts = append(parts, l.T("about.accessed", "date", l.Date(s.Accessed, i18n.Day)))
	}
	if len(parts) == 0 {
		return ""
	}
	return l.Capital(strings.Join(parts, "; ")) + l.T("list.stop")
}

// methodology writes the methodology note from the data: how dates were
// read, what counts as an event and an actor, what was inferred, how
// quotations were checked and what the confidence levels say. Each item
// is a lead-in and its text.
func (d *doc) methodology() [][2]string {
	b, l := d.b, d.loc
	var out [][2]string
	if len(b.Events) > 0 {
		kinds := map[string]bool{}
		var kindList []string
		for _, e := range b.Chronology() {
			if e.Kind != "" && !kinds[e.Kind] {
				kinds[e.Kind] = true
				kindList = append(kindList, e.Kind)
			}
		}
		ev := l.T("methodology.events", "n", len(b.Events))
		if len(kindList) > 0 {
			ev += l.T("methodology.kinds", "n", len(kindList), "kinds", strings.Join(kindList, l.T("list.comma")))
		}
		out = append(out, [2]string{l.T("methodology.lead"), ev + l.T("list.stop")})

		parties := map[data.ID]bool{}
		active := 0
		for _, ac := range b.ActorFrequency() {
			active++
			if ac.Actor.Party != "" {
				parties[ac.Actor.Party] = true
			}
		}
		if len(b.Actors) > 0 {
			act := l.T("methodology.actors", "n", active)
			if len(parties) > 0 {
				act += l.T("methodology.parties", "n", len(parties))
			}
			act += l.T("methodology.institutions")
			out = append(out, [2]string{"", act})
		}

		var day, month, year, interval, date, place, actors int
		for _, e := range b.Events {
			switch {
			case e.Uncertain():
				interval++
			case e.Precision == data.Month:
				month++
			case e.Precision == data.Year:
				year++
			default:
				day++
			}
			if e.Basis.Date == data.Inferred {
				date++
			}
			if e.Basis.Place == data.Inferred {
				place++
			}
			if e.Basis.Actors == data.Inferred {
				actors++
			}
		}
		var prec []string
		for _, p := range []struct {
			n  int
			id string
		}{{day, "day"}, {month, "month"}, {year, "year"}, {interval, "interval"}} {
			if p.n > 0 {
				prec = append(prec, l.T("methodology."+p.id, "n", p.n))
			}
		}
		dates := l.T("methodology.dates", "list", l.JoinAnd(prec))
		if date+place+actors > 0 {
			var inf []string
			for _, p := range []struct {
				n  int
				id string
			}{{date, "dates"}, {place, "places"}, {actors, "actors"}} {
				if p.n > 0 {
					inf = append(inf, l.T("methodology.inferred_"+p.id, "n", p.n))
				}
			}
			dates += l.T("methodology.inferred", "n", date+place+actors, "list", l.Capital(l.JoinAnd(inf)), "mark", dagger)
		} else {
			dates += l.T("methodology.stated")
		}
		out = append(out, [2]string{"", dates})
	}

	quotes := 0
	for _, e := range b.Events {
		quotes += len(e.Quotes)
	}
	withText := 0
	for _, s := range b.Sources {
		if s.Text != "" {
			withText++
		}
	}
	if quotes > 0 || withText > 0 {
		q := l.T("methodology.quotes")
		if withText > 0 {
			q += l.T("methodology.quotes_checked", "n", withText)
		}
		out = append(out, [2]string{"", q})
	}
	if len(b.Judgments) > 0 {
		n := map[data.Confidence]int{}
		for _, j := range b.Judgments {
			n[j.Confidence]++
		}
		var cs []string
		for _, c := range []data.Confidence{data.High, data.Moderate, data.Low} {
			if n[c] > 0 {
				cs = append(cs, l.T("confidence."+c.String()+"_count", "n", n[c]))
			}
		}
		out = append(out, [2]string{"", l.T("methodology.confidence", "list", l.JoinAnd(cs))})
	}
	return out
}

// basisNote is the chronology's note on what an event's inference rests
// on, or "".
func basisNote(l *i18n.Locale, e *data.Event) string {
	if !e.Basis.Any() {
		return ""
	}
	var what []string
	if e.Basis.Date == data.Inferred {
		what = append(what, l.T("basis.date"))
	}
	if e.Basis.Place == data.Inferred {
		what = append(what, l.T("basis.place"))
	}
	if e.Basis.Actors == data.Inferred {
		what = append(what, l.T("basis.actors"))
	}
	return dagger + " " + l.T("basis.note", "what", l.Capital(l.JoinAnd(what)), "note", e.Basis.Note)
}

// marked adds the dagger to s when g is inferred.
func marked(s string, g data.Grounds) string {
	if g == data.Inferred && s != "" {
		return s + dagger
	}
	return s
}

// chronologyKey explains the daggers, above the chronology; nil when no
// event has one.
func (d *doc) chronologyKey() *paraElem {
	any := false
	for _, e := range d.b.Events {
		if e.Basis.Any() {
			any = true
			break
		}
	}
	if !any {
		return nil
	}
	sans := face(d.head, false, false)
	w := where{Pos: d.b.Meta.Pos, What: "chronology key", Composed: true}
	p := d.para([]typeset.Run{d.run(d.t("basis.key", "mark", dagger), sans, d.small)},
		paraOpts{size: d.small, lead: d.smallLead, align: typeset.Left, where: w})
	p.base = d.baseline(sans, d.small, d.smallLead)
	p.blk.KeepWithNext = true
	return p
}

// dataWarnings are the data's provenance warnings and notices, as the
// build reports them.
func dataWarnings(b *data.Briefing) []Warning {
	var out []Warning
	for _, e := range b.Notices() {
		out = append(out, Warning{Where: errWhere(e), Msg: e.Msg, Notice: true, Input: e})
	}
	for _, e := range b.Warnings() {
		out = append(out, Warning{Where: errWhere(e), Msg: e.Msg, Input: e})
	}
	return out
}

// errWhere is an error's FILE:LINE:COL.
func errWhere(e *data.Error) string {
	s := (&data.Error{File: e.File, Line: e.Line, Col: e.Col}).Error()
	return strings.TrimSuffix(s, ": ")
}
