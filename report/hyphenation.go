package report

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/briefing-pdf/briefing/internal/hyphenation"
	"github.com/briefing-pdf/briefing/internal/i18n"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Hyphenation by language: the built-in patterns of internal/hyphenation
// (plain TeX's for English, hyph-utf8's for French, German, Spanish,
// Russian, Turkish and Armenian) are chosen by the config's language;
// [hyphenation] patterns overrides them. A language with none, or one
// written right to left, is not hyphenated, and the build says so.

// hyphenationLanguage is the base language whose built-in patterns the
// tag takes, or "" when there are none.
func hyphenationLanguage(tag string) string {
	if rtl(tag) {
		return ""
	}
	base := i18n.Base(tag)
	if base == "" {
		t, err := language.Parse(tag)
		if err != nil {
			return ""
		}
		b, _ := t.Base()
		base = b.String()
	}
	if slices.Contains(hyphenation.Languages(), base) {
		return base
	}
	return ""
}

// rtl reports whether the language is written right to left.
func rtl(tag string) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	s, _ := t.Script()
	switch s.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}

var hyphenators sync.Map // base language → func() (*typeset.Hyphenator, error)

// languageHyphenator parses the built-in patterns of a base language
// once per process.
func languageHyphenator(lang string) (*typeset.Hyphenator, error) {
	if lang == "en" {
		return builtinHyphenator()
	}
	f, _ := hyphenators.LoadOrStore(lang, sync.OnceValues(func() (*typeset.Hyphenator, error) {
		p, r, ok := hyphenation.For(lang)
		if !ok {
			return nil, fmt.Errorf("report: no built-in hyphenation patterns for %q", lang)
		}
		h, err := typeset.ParseHyphenation(r)
		if err != nil {
			return nil, fmt.Errorf("report: built-in hyphenation patterns %s: %w", p.File, err)
		}
		h.LeftMin, h.RightMin = p.LeftMin, p.RightMin
		return h, nil
	}))
	return f.(func() (*typeset.Hyphenator, error))()
}

// hyphenationNotice says why justified text is not hyphenated, when the
// config asks for hyphenation but the language has no patterns; nil
// otherwise.
func hyphenationNotice(cfg *Config) *Warning {
	if !cfg.Hyphenation.Enabled || cfg.Hyphenation.Patterns != "" || hyphenationLanguage(cfg.Language) != "" {
		return nil
	}
	msg := fmt.Sprintf("language %q has no built-in hyphenation patterns (%s have), so justified text is not hyphenated; name a patterns file in [hyphenation] patterns, or set enabled = false to silence this",
		cfg.Language, strings.Join(hyphenation.Languages(), ", "))
	if rtl(cfg.Language) {
		msg = fmt.Sprintf("language %q is written right to left, which briefing does not hyphenate: justified text is not hyphenated", cfg.Language)
	}
	p := cfg.KeyPos("language")
	return &Warning{Where: "hyphenation", Pos: p, Msg: msg, Notice: true}
}
