package hyphenation

import (
	"bytes"
	"embed"
	"io"
	"path"
)

// The patterns of the other built-in languages are the TeX hyph-utf8
// files (as TeX Live 2022 ships them), embedded unmodified, each under its
// own licence: see patterns/LICENSES.

//go:embed patterns/*.tex patterns/LICENSES
var patternFS embed.FS

// Patterns describes the built-in patterns of a language.
type Patterns struct {
	File string // the file under patterns/, "hyph-fr.tex"; "hyphen.tex" for English
	// LeftMin and RightMin are the fewest letters the file's authors
	// want before and after a hyphen when typesetting (its
	// "hyphenmins").
	LeftMin, RightMin int
	Licence           string // as the file states it
}

// byLanguage lists the built-in patterns by base language subtag.
var byLanguage = map[string]Patterns{
	"en": {"hyphen.tex", 2, 3, "Knuth's notice: unmodified copies only"},
	"fr": {"hyph-fr.tex", 2, 2, "MIT"},
	"de": {"hyph-de-1996.tex", 2, 2, "MIT"},
	"es": {"hyph-es.tex", 2, 2, "MIT/X11"},
	"ru": {"hyph-ru.tex", 2, 2, "LPPL 1.2 or later"},
	"tr": {"hyph-tr.tex", 2, 2, "LPPL 1 or later"},
	"hy": {"hyph-hy.tex", 1, 2, "LGPL"},
}

// For returns the built-in patterns of a base language subtag ("fr") and
// a reader of their file, or false when none are built in (Azerbaijani:
// hyph-utf8 has no patterns for it).
func For(lang string) (Patterns, io.Reader, bool) {
	p, ok := byLanguage[lang]
	if !ok {
		return Patterns{}, nil, false
	}
	if lang == "en" {
		return p, PlainTeX(), true
	}
	b, err := patternFS.ReadFile(path.Join("patterns", p.File))
	if err != nil {
		// The files are embedded; TestBuiltinPatterns reads every one.
		panic("hyphenation: " + err.Error())
	}
	return p, bytes.NewReader(b), true
}

// Languages lists the base language subtags with built-in patterns.
func Languages() []string {
	return []string{"de", "en", "es", "fr", "hy", "ru", "tr"}
}
