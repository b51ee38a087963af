package report

import (
	"fmt"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Provenance on the page: the confidence tag of each key judgment, the
// source card and the methodology note that follow the key judgments, and
// the daggers that mark inferred dates, places and participants in the
// chronology. Everything here is written from the data.

// dagger marks what the author inferred rather than read in a source.
const dagger = "†"

// confidenceTag is the label a judgment starts with.
func confidenceTag(c data.Confidence) string {
	s := c.String()
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:] + " confidence"
}

// judgmentParas renders the key judgments as a bulleted list, each
// starting with its confidence tag.
func (d *doc) judgmentParas() ([]mdPara, []where, error) {
	var out []mdPara
	var ws []where
	tagFont := face(d.head, true, false)
	for i, j := range d.b.Judgments {
		w := where{Pos: j.Pos, What: fmt.Sprintf("judgment %d", i+1)}
		paras, err := renderMarkdown(strings.TrimSpace(j.Text), d.mdStyle(d.size))
		if err != nil {
			return nil, nil, d.atErr(w, err)
		}
		for k := range paras {
			mp := &paras[k]
			mp.Level++
			if k == 0 {
				mp.Marker = "•"
				mp.Start = i == 0
				tag := d.colored(confidenceTag(j.Confidence)+".", tagFont, d.size*0.82, d.accent)
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
	add([]typeset.Run{d.colored("Sourcing:", bold, small, d.accent), d.run(" "+card.count, sans, small)}, nil)
	for _, s := range card.items {
		add([]typeset.Run{d.run(s.title, italic, small), d.run(s.rest, sans, small)}, nil)
	}
	if card.warning != "" {
		add([]typeset.Run{d.colored("Caution: ", bold, small, d.accent), d.run(card.warning, bold, small)}, nil)
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
	n := map[data.SourceKind]int{}
	for _, s := range used {
		n[s.Kind]++
	}
	var parts []string
	for _, k := range append(append([]data.SourceKind(nil), data.SourceKinds...), "") {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[k], k.Plural(n[k])))
		}
	}
	noun := "sources"
	if len(used) == 1 {
		noun = "source"
	}
	c.count = fmt.Sprintf("%d %s", len(used), noun)
	switch {
	case len(used) == 1 && len(parts) == 1:
		c.count = "1 source, " + strings.TrimPrefix(parts[0], "1 ")
		if strings.HasPrefix(c.count, "1 source, source") {
			c.count = "1 source, its kind not stated"
		} else {
			c.count = "1 source, " + article(strings.TrimPrefix(parts[0], "1 "))
		}
	case len(parts) > 0:
		c.count += " — " + joinAnd(parts)
	}
	c.count += "."
	if len(used) <= maxCardItems {
		for _, s := range used {
			var rest []string
			if s.Publisher != "" {
				rest = append(rest, s.Publisher)
			}
			if !s.Date.IsZero() {
				rest = append(rest, data.FormatDate(s.Date, data.Day))
			}
			if about := sourceAbout(s); about != "" {
				rest = append(rest, strings.TrimSuffix(about, "."))
			}
			it := cardItem{title: s.Title}
			if len(rest) > 0 {
				it.rest = " — " + strings.Join(rest, ". ") + "."
			}
			c.items = append(c.items, it)
		}
	}
	opinion := len(used) > 0 && n[data.KindOpinion] == len(used)
	switch {
	case len(used) == 0 && len(d.b.Events) > 0:
		c.warning = "this briefing cites no source for its events."
	case len(used) == 1 && opinion:
		c.warning = "this briefing rests on one source, an opinion piece. Nothing in it is corroborated by a second source, and its facts are as the author presents them."
	case len(used) == 1:
		c.warning = "this briefing rests on one source. Nothing in it is corroborated by a second source."
	case opinion:
		c.warning = "every source of this briefing is an opinion piece; its facts are as their authors present them."
	}
	return c
}

// sourceAbout says what sort of source s is, for the sources list:
// "Opinion piece; perspective: …; reliability cannot be judged (F);
// accessed 10 January 2024." or "" when the data says none of it.
func sourceAbout(s *data.Source) string {
	var parts []string
	if s.Kind != "" {
		k := s.Kind.Plural(1)
		parts = append(parts, strings.ToUpper(k[:1])+k[1:])
	}
	if s.Perspective != "" {
		parts = append(parts, "perspective: "+s.Perspective)
	}
	switch s.Reliability {
	case "":
	case "F":
		parts = append(parts, "reliability cannot be judged (F)")
	default:
		parts = append(parts, fmt.Sprintf("%s (reliability %s)", data.Reliabilities[s.Reliability], s.Reliability))
	}
	if !s.Accessed.IsZero() {
		parts = append(parts, "accessed "+data.FormatDate(s.Accessed, data.Day))
	}
	if len(parts) == 0 {
		return ""
	}
	out := strings.Join(parts, "; ")
	return strings.ToUpper(out[:1]) + out[1:] + "."
}

// article puts "a" or "an" before a noun phrase.
func article(s string) string {
	if s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// joinAnd joins words as a list: "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// methodology writes the methodology note from the data: how dates were
// read, what counts as an event and an actor, what was inferred, how
// quotations were checked and what the confidence levels say. Each item
// is a lead-in and its text.
func (d *doc) methodology() [][2]string {
	b := d.b
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
		ev := fmt.Sprintf("An event is a dated happening that a source records; the chronology lists %s", plural(len(b.Events), "event", "events"))
		if len(kindList) > 0 {
			ev += fmt.Sprintf(" of %s (%s)", plural(len(kindList), "kind", "kinds"), strings.Join(kindList, ", "))
		}
		out = append(out, [2]string{"How this briefing was made.", ev + "."})

		parties := map[data.ID]bool{}
		active := 0
		for _, ac := range b.ActorFrequency() {
			active++
			if ac.Actor.Party != "" {
				parties[ac.Actor.Party] = true
			}
		}
		if len(b.Actors) > 0 {
			act := fmt.Sprintf("An actor is a person or body a source names as taking part; %s part in events", plural(active, "actor takes", "actors take"))
			if len(parties) > 0 {
				act += fmt.Sprintf(", from %s", plural(len(parties), "party", "parties"))
			}
			act += ". Where a source names no person, the institution stands in."
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
		if day > 0 {
			prec = append(prec, fmt.Sprintf("%d to the day", day))
		}
		if month > 0 {
			prec = append(prec, fmt.Sprintf("%d to the month", month))
		}
		if year > 0 {
			prec = append(prec, fmt.Sprintf("%d to the year", year))
		}
		if interval > 0 {
			prec = append(prec, fmt.Sprintf("%d only within an interval (“between … and …”)", interval))
		}
		dates := fmt.Sprintf("Dates are no more exact than the sources give them: of the events, %s.", joinAnd(prec))
		if date+place+actors > 0 {
			var inf []string
			if date > 0 {
				inf = append(inf, plural(date, "date", "dates"))
			}
			if place > 0 {
				inf = append(inf, plural(place, "place", "places"))
			}
			if actors > 0 {
				inf = append(inf, plural(actors, "list of actors", "lists of actors"))
			}
			dates += fmt.Sprintf(" %s %s inferred rather than stated by a source; the chronology marks %s with %s and says what each inference rests on.",
				joinAnd(inf), map[bool]string{true: "is", false: "are"}[date+place+actors == 1],
				map[bool]string{true: "it", false: "them"}[date+place+actors == 1], dagger)
		} else {
			dates += " Every date, place and list of actors is as a source states it."
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
		q := "Quotations are verbatim; an ellipsis (…) marks words left out."
		if withText > 0 {
			q += fmt.Sprintf(" They were checked word for word against the text of %s.", plural(withText, "source", "sources"))
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
				cs = append(cs, fmt.Sprintf("%d %s", n[c], c))
			}
		}
		out = append(out, [2]string{"", fmt.Sprintf("Each key judgment states the confidence it is held with (%s): high when it rests on several sound sources, moderate when on credible but limited sourcing, low when on thin or questionable sourcing. Likelihood is expressed only in the ICD 203 terms, from “almost no chance” to “almost certain”.", joinAnd(cs))})
	}
	return out
}

// basisNote is the chronology's note on what an event's inference rests
// on, or "".
func basisNote(e *data.Event) string {
	if !e.Basis.Any() {
		return ""
	}
	var what []string
	if e.Basis.Date == data.Inferred {
		what = append(what, "date")
	}
	if e.Basis.Place == data.Inferred {
		what = append(what, "place")
	}
	if e.Basis.Actors == data.Inferred {
		what = append(what, "actors")
	}
	s := joinAnd(what)
	return dagger + " " + strings.ToUpper(s[:1]) + s[1:] + " inferred: " + e.Basis.Note
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
	p := d.para([]typeset.Run{d.run("A date, place or list of actors marked "+dagger+" is inferred by the author of this briefing, not stated by the source; the event’s entry says what the inference rests on.", sans, d.small)},
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
