package data

import (
	"fmt"
	"strings"
)

// Warnings returns the provenance warnings found while loading (sorted):
// events cited nowhere, sources nothing uses, judgments without a
// citation, quotations without a source, likelihood words outside the
// ICD 203 scale. They do not stop a build; under -strict they are errors.
func (b *Briefing) Warnings() Errors {
	var out Errors
	for _, w := range b.warnings {
		if !isNotice(w) {
			out = append(out, w)
		}
	}
	return out
}

// Notices returns what a reader must be told about the briefing's
// provenance but the author cannot fix by editing: that it rests on a
// single source, or on none. The report prints them on the source card;
// they are shown by validate and build but never fail -strict.
func (b *Briefing) Notices() Errors {
	var out Errors
	for _, w := range b.warnings {
		if isNotice(w) {
			out = append(out, w)
		}
	}
	return out
}

// noticePrefix marks a notice among the warnings.
const noticePrefix = "[briefing]: rests on "

func isNotice(e *Error) bool { return strings.HasPrefix(e.Msg, noticePrefix) }

// UsedSources returns the sources events list or the text cites, in file
// order.
func (b *Briefing) UsedSources() []*Source {
	used := b.citedIDs()
	for i := range b.Events {
		for _, id := range b.Events[i].Sources {
			used[id] = true
		}
	}
	var out []*Source
	for i := range b.Sources {
		if used[b.Sources[i].ID] {
			out = append(out, &b.Sources[i])
		}
	}
	return out
}

// citedIDs is every id cited anywhere in the briefing's Markdown.
func (b *Briefing) citedIDs() map[ID]bool {
	cited := map[ID]bool{}
	add := func(md string) {
		for _, id := range Citations(md) {
			cited[id] = true
		}
	}
	add(b.Meta.Summary)
	for _, j := range b.Judgments {
		add(j.Text)
	}
	for _, s := range b.Sections {
		add(s.Body)
	}
	for _, e := range b.Events {
		add(e.Summary)
	}
	return cited
}

// lint finds weak provenance in a valid briefing.
func lint(b *Briefing) Errors {
	var ws Errors
	warn := func(p Pos, format string, args ...any) {
		ws = append(ws, &Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...)})
	}
	index := func(n int, pos func(int) Pos) []int {
		out := make([]int, n)
		per := map[string]int{}
		for i := range out {
			f := pos(i).File
			out[i] = per[f]
			per[f]++
		}
		return out
	}
	// Every citation, scanned once; an event's citation of itself does
	// not count for it.
	cited := map[ID]bool{}  // cited anywhere
	others := map[ID]bool{} // cited by anything but the entry itself
	note := func(md string, self ID) {
		for _, id := range Citations(md) {
			cited[id] = true
			if id != self {
				others[id] = true
			}
		}
	}
	note(b.Meta.Summary, "")
	judgmentCites := make([]int, len(b.Judgments))
	for i, j := range b.Judgments {
		ids := Citations(j.Text)
		judgmentCites[i] = len(ids)
		for _, id := range ids {
			cited[id], others[id] = true, true
		}
	}
	for _, s := range b.Sections {
		note(s.Body, "")
	}
	for _, e := range b.Events {
		note(e.Summary, e.ID)
	}
	{
		ix := index(len(b.Events), func(i int) Pos { return b.Events[i].Pos })
		for i, e := range b.Events {
			// Rows imported from a dataset make the chronology; they
			// are not each meant to be cited.
			if !others[e.ID] && !isCSV(e.Pos.File) {
				warn(e.Pos, "events[%d] %q: cited nowhere: no [@%s] in the key judgments, the sections or another event's summary", ix[i], e.ID, e.ID)
			}
		}
	}
	listed := map[ID]bool{}
	for _, e := range b.Events {
		for _, id := range e.Sources {
			listed[id] = true
		}
	}
	ix := index(len(b.Sources), func(i int) Pos { return b.Sources[i].Pos })
	for i, s := range b.Sources {
		if !listed[s.ID] && !cited[s.ID] {
			warn(s.Pos, "sources[%d] %q: used by no event and cited nowhere", ix[i], s.ID)
		}
	}
	jx := index(len(b.Judgments), func(i int) Pos { return b.Judgments[i].Pos })
	for i := range b.Judgments {
		if judgmentCites[i] == 0 {
			warn(b.Judgments[i].Pos, "judgments[%d]: no citation: cite the events or sources the judgment rests on with [@id]", jx[i])
		}
	}
	var used []*Source
	for i := range b.Sources {
		if listed[b.Sources[i].ID] || cited[b.Sources[i].ID] {
			used = append(used, &b.Sources[i])
		}
	}
	if len(b.Events) > 0 || len(b.Judgments) > 0 {
		switch len(used) {
		case 0:
			warn(b.Meta.Pos, noticePrefix+"no source: no event lists a source and nothing cites one")
		case 1:
			warn(b.Meta.Pos, noticePrefix+"one source, %q: every claim stands or falls with it", used[0].ID)
		}
	}
	return ws
}
