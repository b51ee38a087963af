package config

import (
	"path"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
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

// Localized returns a copy of c whose running header and footer and
// distribution marking, where the config leaves them at the default,
// are the language's ("Page 2 of 6" becomes "Seite 2 von 6").
func (c *Config) Localized(l *i18n.Locale) *Config {
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
// texts Localized compares with.
var defaultTexts = sync.OnceValue(Default)

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

// composeText puts the config's printed text (running header and footer,
// distribution marking) into Unicode NFC, as data.Load does the data's:
// a decomposed accent would be drawn beside its letter. Paths are left
// as written: a file name is looked up byte for byte.
func (c *Config) composeText() {
	for _, s := range []*string{&c.Header.Left, &c.Header.Right, &c.Footer.Left, &c.Footer.Right, &c.Cover.Distribution} {
		*s = norm.NFC.String(*s)
	}
	for k, v := range c.Labels {
		c.Labels[k] = norm.NFC.String(v)
	}
}

// KeyError is an error at key of the config file: its line and column
// when the config was loaded from a file, else the config's name alone.
func (c *Config) KeyError(key, msg string) *diag.Error {
	file := c.File
	if file == "" {
		file = "config.toml"
	}
	if key == "" {
		return &diag.Error{File: file, Msg: msg}
	}
	p := c.KeyPos(key)
	return &diag.Error{File: file, Line: p.Line, Col: p.Col, Msg: key + ": " + msg}
}

// RelPath is an fs.FS path as written in the config: relative to the
// config's directory.
func (c *Config) RelPath(p string) string {
	if dir := path.Dir(c.File); c.File != "" && dir != "." {
		if r, ok := strings.CutPrefix(p, dir+"/"); ok {
			return r
		}
	}
	return p
}
