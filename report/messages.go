package report

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

// The words the report prints on its own are messages of internal/i18n,
// in the config's language with its [labels] over them; dates, ranges
// and numbers follow the language too.

// Locale returns the messages of the config's language with its labels.
// A bad label is reported by the config's check; here it is left out.
func (c *Config) Locale() *i18n.Locale {
	l, err := i18n.New(c.Language, c.Labels)
	if err != nil {
		good := map[string]string{}
		for k, v := range c.Labels {
			if _, err := i18n.New("en", map[string]string{k: v}); err == nil {
				good[k] = v
			}
		}
		l, _ = i18n.New(c.Language, good)
	}
	return l
}

// written reports whether the dotted key is written in the config file
// (not taken from the default).
func (c *Config) written(key string) bool {
	if c.File == "" {
		return false
	}
	p := c.pos
	for _, part := range splitKey(key) {
		p = p.Key(part)
	}
	line, _ := p.At()
	return line != 0
}

func splitKey(key string) []string {
	var out []string
	start := 0
	for i := 0; i < len(key); i++ {
		if key[i] == '.' {
			out = append(out, key[start:i])
			start = i + 1
		}
	}
	return append(out, key[start:])
}

// localized returns a copy of c whose running header and footer and
// distribution marking, where the config leaves them at the default,
// are the language's ("Page 2 of 6" becomes "Seite 2 von 6").
func (c *Config) localized(l *i18n.Locale) *Config {
	def := defaultTexts()
	out := *c
	for _, f := range []struct {
		key      string
		p        *string
		def, msg string
	}{
		{"header.left", &out.Header.Left, def.Header.Left, ""},
		{"header.right", &out.Header.Right, def.Header.Right, ""},
		{"footer.left", &out.Footer.Left, def.Footer.Left, ""},
		{"footer.right", &out.Footer.Right, def.Footer.Right, "running.page"},
		{"cover.distribution", &out.Cover.Distribution, def.Cover.Distribution, "cover.distribution"},
	} {
		if f.msg != "" && *f.p == f.def && !c.written(f.key) {
			*f.p = l.T(f.msg)
		}
	}
	return &out
}

// defaultTexts is the embedded default config, decoded once, for the
// texts localized compares with.
var defaultTexts = sync.OnceValue(DefaultConfig)

// languageNotice says that the briefing's own words are English when
// the language has no built-in messages; nil otherwise.
func languageNotice(cfg *Config) *Warning {
	if i18n.Base(cfg.Language) != "" {
		return nil
	}
	p := cfg.keyPos("language")
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

// PlaceholderDates writes the data's {date} and {period} placeholders
// in the config's language, as the report writes dates
// (data.Options.Dates).
func (c *Config) PlaceholderDates() data.DateText {
	l := c.Locale()
	return data.DateText{
		Date:   func(t time.Time) string { return l.Date(t, i18n.Day) },
		Period: func(start, end time.Time) string { return l.Range(start, end, i18n.Day) },
	}
}

// t is the message id in the document's language.
func (d *doc) t(id string, args ...any) string { return d.loc.T(id, args...) }
