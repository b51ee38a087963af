package report

import (
	"sync"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/dejavu/dejavusansbold"
	"codeberg.org/go-fonts/dejavu/dejavusansboldoblique"
	"codeberg.org/go-fonts/dejavu/dejavusansoblique"
	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/dejavu/dejavuserifbold"
	"codeberg.org/go-fonts/dejavu/dejavuserifbolditalic"
	"codeberg.org/go-fonts/dejavu/dejavuserifitalic"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

// Built-in faces for a language whose script the Liberation fonts lack.
//
// Liberation covers Latin, Cyrillic and Greek, so English, French,
// German, Spanish, Russian, Turkish and Azerbaijani print in it. It has no
// Armenian: a briefing in Armenian (language "hy") is set in DejaVu Serif
// and DejaVu Sans instead, which have the Armenian letters and
// punctuation as well as Latin and Cyrillic, so the fixed words and the
// data's own Armenian text print with one family throughout (a fallback
// face for the fixed words alone would mix two designs in a line). A face
// the config names in [fonts.files] is kept. DejaVu is under the Bitstream
// Vera licence, free to embed.
var scriptFaces = map[string][]struct {
	face, source string
	ttf          []byte
}{
	"hy": {
		{fonts.Serif, "DejaVu Serif", dejavuserif.TTF},
		{fonts.SerifBold, "DejaVu Serif Bold", dejavuserifbold.TTF},
		{fonts.SerifItalic, "DejaVu Serif Italic", dejavuserifitalic.TTF},
		{fonts.SerifBoldItalic, "DejaVu Serif Bold Italic", dejavuserifbolditalic.TTF},
		{fonts.Sans, "DejaVu Sans", dejavusans.TTF},
		{fonts.SansBold, "DejaVu Sans Bold", dejavusansbold.TTF},
		{fonts.SansItalic, "DejaVu Sans Oblique", dejavusansoblique.TTF},
		{fonts.SansBoldItalic, "DejaVu Sans Bold Oblique", dejavusansboldoblique.TTF},
	},
}

// scriptSets holds, per language, a Set with its faces parsed once per
// process.
var scriptSets sync.Map // language → func() (*fonts.Set, error)

// languageFonts returns the built-in font set for the config's language:
// fonts.New() (Liberation) unless the language needs another script.
func languageFonts(language string) (*fonts.Set, error) {
	lang := i18n.Base(language)
	faces, ok := scriptFaces[lang]
	if !ok {
		return fonts.New(), nil
	}
	load, _ := scriptSets.LoadOrStore(lang, sync.OnceValues(func() (*fonts.Set, error) {
		set := fonts.New()
		for _, f := range faces {
			if err := set.Replace(f.face, f.source, f.ttf); err != nil {
				return nil, err
			}
		}
		return set, nil
	}))
	base, err := load.(func() (*fonts.Set, error))()
	if err != nil {
		return nil, err
	}
	// A copy, so that the config's own files replace faces in it alone.
	return base.Copy(), nil
}
