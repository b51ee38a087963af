package report

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/data"
)

// Check runs the stages of Build before write (compose, paginate and
// finish) and writes nothing: the config; the fonts, logo and
// hyphenation patterns it names; the layout, with every character of the
// text, the cover and the running heads checked against the fonts; and
// the typographic warnings, which are an error with Options.Strict. Every
// problem of the input is known by the end of finish, so an input Check
// accepts, Build accepts too (`briefing validate` relies on that). It
// returns the warnings Build would return.
func Check(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options) (warnings []Warning, err error) {
	defer recoverInto(&err)
	st, err := runStages(b, cfg, fsys, opt, nil)
	if st != nil {
		warnings = st.warnings
	}
	if err != nil {
		return warnings, err
	}
	return warnings, strictError(opt, warnings)
}
