package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/typeset"
	"github.com/briefing-pdf/briefing/report/internal/frames"
)

// noteBook numbers notes in order of first citation across the document
// and remembers every citation's anchor, for the back-references.
type noteBook struct {
	b     *data.Briefing
	order []data.ID
	num   map[data.ID]int
	cites map[int][]string     // note → anchors of its citations, in order
	texts map[data.ID]footnote // the notes that are Markdown footnotes
}

// footnote is a Markdown footnote's text, set as a note.
type footnote struct {
	runs []typeset.Run
	pos  data.Pos
}

func newNoteBook(b *data.Briefing) *noteBook {
	return &noteBook{b: b, num: map[data.ID]int{}, cites: map[int][]string{}, texts: map[data.ID]footnote{}}
}

func noteAnchor(n int) string { return fmt.Sprintf("note-%d", n) }

// cite returns the note number of id and a new anchor for this citation.
func (nb *noteBook) cite(id data.ID) (int, string, error) {
	if nb.b.Event(id) == nil && nb.b.Source(id) == nil {
		return 0, "", fmt.Errorf("citation of %q: no event or source has this id", id)
	}
	n, ok := nb.num[id]
	if !ok {
		nb.order = append(nb.order, id)
		n = len(nb.order)
		nb.num[id] = n
	}
	a := fmt.Sprintf("cite-%d-%d", n, len(nb.cites[n])+1)
	nb.cites[n] = append(nb.cites[n], a)
	return n, a, nil
}

// sourceRuns formats a source: Publisher, “Title” (linked), date.
func (d *doc) sourceRuns(s *data.Source, font string, size float64) []typeset.Run {
	return d.sourceRunsForm(s, font, size, false)
}

// shortTitle is a title cut to its first five words for a repeated
// citation.
func shortTitle(t string) string {
	if i := strings.IndexAny(t, ":."); i > 0 && len(strings.Fields(t[:i])) <= 6 {
		return strings.TrimSpace(t[:i])
	}
	w := strings.Fields(t)
	if len(w) <= 6 {
		return t
	}
	return strings.Join(w[:5], " ") + "…"
}

// sourceRunsForm formats a source in full, or in the short form of a
// source already cited in full in an earlier note: its short title alone.
func (d *doc) sourceRunsForm(s *data.Source, font string, size float64, short bool) []typeset.Run {
	var runs []typeset.Run
	t := tag{}
	if s.URL != "" {
		t = tag{URL: string(s.URL), Color: d.accent, HasColor: true}
	}
	if short {
		runs = append(runs, typeset.Run{Text: d.loc.Quote(shortTitle(s.Title)), Style: typeset.Style{Font: font, Size: size, Tag: t}})
		return append(runs, d.run(".", font, size))
	}
	if s.Publisher != "" {
		runs = append(runs, d.run(s.Publisher+", ", font, size))
	}
	runs = append(runs, typeset.Run{Text: d.loc.Quote(s.Title), Style: typeset.Style{Font: font, Size: size, Tag: t}})
	if !s.Date.IsZero() {
		runs = append(runs, d.run(", "+d.date(s.Date), font, size))
	}
	runs = append(runs, d.run(".", font, size))
	if about := sourceAbout(d.loc, s); about != "" {
		runs = append(runs, d.run(" "+about, font, size))
	}
	return runs
}

// notesBlock is "Notes and sources": the numbered notes, each with the
// cited event's sources and links back to where it is cited, then the
// list of sources.
func (d *doc) notesBlock() {
	if len(d.notes.order) == 0 && len(d.b.Sources) == 0 {
		return
	}
	d.heading("", d.t("heading.notes"), 0, "notes", d.b.Meta.Pos)
	font := face(d.body, false, false)
	italic := face(d.body, false, true)
	size, lead := d.small+0.5, d.smallLead+0.5
	numW := d.width(font, size, "00.") + size*0.6
	full := map[data.ID]bool{} // sources already given in full
	var list *frames.Node      // the notes' L
	for i, id := range d.notes.order {
		n := i + 1
		var runs []typeset.Run
		var pos data.Pos
		if e := d.b.Event(id); e != nil {
			pos = e.Pos
			title := d.run(e.Title, italic, size)
			if d.cfg.Has(BlockChronology) {
				// The title leads to the event's row in the chronology.
				title.Style.Tag = tag{Dest: eventAnchor(e.ID)}
			}
			runs = append(runs, title, d.run(", "+eventDate(d.loc, e)+d.t("list.stop"), font, size))
			var srcs []*data.Source
			for _, sid := range e.Sources {
				if s := d.b.Source(sid); s != nil {
					srcs = append(srcs, s)
				}
			}
			if len(srcs) > 0 {
				label := " " + d.t("notes.source", "n", len(srcs)) + " "
				runs = append(runs, d.run(label, font, size))
				for j, s := range srcs {
					sr := d.sourceRunsForm(s, font, size, full[s.ID])
					full[s.ID] = true
					if j < len(srcs)-1 {
						sr[len(sr)-1].Text = "; "
					}
					runs = append(runs, sr...)
				}
			}
		} else if s := d.b.Source(id); s != nil {
			pos = s.Pos
			runs = append(runs, d.sourceRunsForm(s, font, size, full[s.ID])...)
			full[s.ID] = true
		} else if fn, ok := d.notes.texts[id]; ok {
			pos = fn.pos
			runs = append(runs, resize(fn.runs, size)...)
		}
		runs = append(runs, d.backRefs(n, font, size)...)
		w := where{Pos: pos, What: fmt.Sprintf("note %d (%s)", n, id)}
		p := d.para(runs, paraOpts{size: size, lead: lead, indent: numW, align: typeset.Left,
			before: lead * 0.3, where: w, memo: noteAnchor(n)})
		p.base = d.baseline(font, size, lead)
		p.names = []string{noteAnchor(n)}
		p.node, p.label = noteNodes(&list)
		num := fmt.Sprintf("%d.", n)
		p.marker = &marker{Text: num, Font: font, Size: size, Color: d.accent,
			X: -numW, W: d.width(font, size, num)}
		d.elems = append(d.elems, p)
	}
	if len(d.b.Sources) == 0 {
		return
	}
	d.heading("", d.t("heading.sources"), 1, "sources", d.b.Meta.Pos)
	for _, s := range orderedSources(d.b) {
		runs := d.sourceRuns(s, font, size)
		if s.URL != "" {
			runs = append(runs, typeset.Run{Text: " " + string(s.URL),
				Style: typeset.Style{Font: font, Size: size, Tag: tag{URL: string(s.URL), Color: d.accent, HasColor: true}}})
		}
		w := where{Pos: s.Pos, What: fmt.Sprintf("source %q", s.ID)}
		p := d.para(runs, paraOpts{size: size, lead: lead, indent: 0, align: typeset.Left,
			before: lead * 0.3, where: w})
		p.base = d.baseline(font, size, lead)
		d.elems = append(d.elems, p)
	}
}

// noteNodes are the structure elements of a note, an item of the notes'
// list (made on the first): L › LI › Lbl (its number) + LBody (its text).
func noteNodes(list **frames.Node) (body, label *frames.Node) {
	if *list == nil {
		*list = frames.NewNode(frames.L, nil)
	}
	li := frames.NewNode(frames.LI, *list)
	return frames.NewNode(frames.LBody, li), frames.NewNode(frames.Lbl, li)
}

// backRefs is " Cited on p. 3, 5." with each page linking back to the
// first citation on that page. Before the pages are known (the first
// pass) it holds "00" for each: digits are equally wide, so the break
// stays the same as long as the pages have two digits or fewer.
func (d *doc) backRefs(n int, font string, size float64) []typeset.Run {
	anchors := d.notes.cites[n]
	if len(anchors) == 0 {
		return nil
	}
	type ref struct {
		page   int
		anchor string
	}
	var refs []ref
	for _, a := range anchors {
		p := d.refs[a]
		if len(refs) > 0 && refs[len(refs)-1].page == p {
			continue
		}
		dup := false
		for _, r := range refs {
			if r.page == p {
				dup = true
			}
		}
		if !dup {
			refs = append(refs, ref{p, a})
		}
	}
	// In page order: a citation in a note's own text (a footnote's) may
	// come after citations on later pages.
	sort.SliceStable(refs, func(i, j int) bool { return refs[i].page < refs[j].page })
	label := " " + d.t("notes.cited", "n", len(refs)) + "\u00a0"
	runs := []typeset.Run{d.colored(label, font, size, d.muted)}
	for i, r := range refs {
		text := "00"
		if r.page > 0 {
			text = itoa(r.page)
		}
		if i > 0 {
			runs = append(runs, d.colored(",\u00a0", font, size, d.muted))
		}
		runs = append(runs, typeset.Run{Text: text, Style: typeset.Style{Font: font, Size: size,
			Tag: tag{Dest: r.anchor, Color: d.accent, HasColor: true}}})
	}
	runs = append(runs, d.colored(d.t("list.stop"), font, size, d.muted))
	return runs
}

// orderedSources returns the sources sorted by publisher, date and title.
func orderedSources(b *data.Briefing) []*data.Source {
	out := make([]*data.Source, len(b.Sources))
	for i := range b.Sources {
		out[i] = &b.Sources[i]
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Publisher != c.Publisher {
			return a.Publisher < c.Publisher
		}
		if !a.Date.Equal(c.Date) {
			return a.Date.Before(c.Date)
		}
		return a.Title < c.Title
	})
	return out
}
