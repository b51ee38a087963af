package data

import (
	"fmt"
	"strings"
)

// Placeholders let the texts of a recurring briefing follow its edition:
// in [briefing] title, subtitle and summary, and in the titles and bodies
// of [[sections]], {date} stands for the publication date ("5 April
// 2024"), {period} for the reporting period ("1 January – 31 March
// 2024"), both in the briefing's language (Options.Dates), and {edition}
// for [briefing] edition. So `-set date=…`, `-set
// period.end=…` or `-set edition=…` changes the text too. Other text in
// braces is left as it is.
var placeholders = []string{"{date}", "{period}", "{edition}"}

// expandPlaceholders replaces the placeholders in the texts of every part,
// with the values of m, the [briefing] table, dates written by dt. A
// placeholder without a value ({period} without a period) is an error at
// its entry.
func expandPlaceholders(m *Meta, parts []*part, dt DateText) Errors {
	var errs Errors
	expand := func(s string, p Pos, label string) string {
		if !strings.Contains(s, "{") {
			return s
		}
		for _, ph := range placeholders {
			if !strings.Contains(s, ph) {
				continue
			}
			var v, missing string
			switch ph {
			case "{date}":
				v = dt.date(m.Date)
			case "{period}":
				if m.Period == nil {
					missing = "the [briefing] has no period; give period = { start = …, end = … } or -set period.start=… -set period.end=…"
				} else {
					v = dt.period(m.Period.Start, m.Period.End)
				}
			case "{edition}":
				v = m.Edition
				if v == "" {
					missing = "the [briefing] has no edition; give edition = … or -set edition=…"
				}
			}
			if missing != "" {
				errs = append(errs, &Error{File: p.File, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf("%s: %s: %s", label, ph, missing)})
				continue
			}
			s = strings.ReplaceAll(s, ph, v)
		}
		return s
	}
	m.Title = expand(m.Title, m.Pos, "[briefing] title")
	m.Subtitle = expand(m.Subtitle, m.Pos, "[briefing] subtitle")
	m.Summary = expand(m.Summary, m.Pos, "[briefing] summary")
	for _, pt := range parts {
		for i := range pt.sections {
			s := &pt.sections[i]
			label := fmt.Sprintf("sections[%d] %q", i, s.ID)
			s.Title = expand(s.Title, s.Pos, label+": title")
			s.Body = expand(s.Body, s.Pos, label+": body")
		}
	}
	return errs
}
