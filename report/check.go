package report

import (
	"errors"
	"io/fs"

	"github.com/briefing-pdf/briefing/data"
)

// Check runs every check Build runs before it draws, and draws nothing:
// the config; the fonts, logo and hyphenation patterns it names; the
// layout, with every character of the text, the cover and the running
// heads checked against the fonts; and the typographic warnings, which
// are an error with Options.Strict. An input Check accepts, Build accepts
// too (`briefing validate` relies on that). It returns the warnings Build
// would return.
func Check(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options) (warnings []Warning, err error) {
	if b == nil {
		return nil, errors.New("report: no briefing")
	}
	if cfg == nil {
		cfg = DefaultConfig()
	}
	if errs := cfg.check(); len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	set, settings, err := loadResourcesCached(cfg, fsys, opt.Cache)
	if err != nil {
		return nil, err
	}
	lay, err := composeAndPaginate(b, cfg, set, settings)
	if err != nil {
		return nil, err
	}
	warnings = append(dataWarnings(b), lay.warnings()...)
	// What renderInto checks before it draws: the logo (read into a
	// document that is then dropped) and the glyphs of the cover and the
	// page furniture, found as the pages' frames are made.
	logo, err := loadLogo(newPDF(b, cfg, opt), cfg, fsys)
	if err != nil {
		return warnings, err
	}
	lay.eachFrame(logo, func(int, *frame) error { return nil })
	if d := lay.d; len(d.errs) > 0 {
		d.errs.Sort()
		return warnings, d.errs
	}
	return warnings, strictError(opt, warnings)
}
