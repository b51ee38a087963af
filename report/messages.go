package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

// The words the report prints on its own are messages of internal/i18n,
// in the config's language with its [labels] over them; dates, ranges
// and numbers follow the language too.

// languageNotice says that the briefing's own words are English when
// the language has no built-in messages; nil otherwise.
func languageNotice(cfg *Config) *Warning {
	if i18n.Base(cfg.Language) != "" {
		return nil
	}
	p := cfg.KeyPos("language")
	return &Warning{Where: "language", Pos: p, Notice: true,
		Msg: fmt.Sprintf("language %q has no built-in translation (%s have): the words the briefing prints on its own are English; [labels] can give them in your language",
			cfg.Language, strings.Join(i18n.Languages, ", "))}
}

// precision is the i18n precision of a data precision.
func precision(p data.Precision) i18n.Precision {
	switch p {
	case data.Month:
		return i18n.Month
	case data.Year:
		return i18n.Year
	}
	return i18n.Day
}

// date displays a day in the document's language.
func (d *doc) date(t time.Time) string { return d.loc.Date(t, i18n.Day) }

// eventDate displays an event's date as exactly as its precision allows,
// in the document's language (data.Event.DateString's rules).
func eventDate(l *i18n.Locale, e *data.Event) string {
	if e.Uncertain() {
		return l.Interval(e.NotBefore, e.NotAfter)
	}
	return l.Range(e.Date, e.End, precision(e.Precision))
}

// periodString is the briefing's window, "1 January – 31 July 2025".
func periodString(l *i18n.Locale, b *data.Briefing) string {
	s, e := b.Window()
	return l.Range(s, e, i18n.Day)
}

// t is the message id in the document's language.
func (d *doc) t(id string, args ...any) string { return d.loc.T(id, args...) }
