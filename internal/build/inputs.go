package build

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/report"
)

// InputFile is a file a build reads, by its fs path, and what it is for.
type InputFile struct{ Path, What string }

// Inputs lists the files a build of cfg reads: the config (cfgPath), each
// data file followed by the source texts it names (texts returns them,
// as fs paths; nil names none), the fonts, the logo and the hyphenation
// patterns. It is the one list of a build's files: the server snapshots
// exactly these, the watcher watches them, outputs may not replace them,
// and error messages name them relabelled.
func Inputs(cfgPath string, cfg *report.Config, texts func(dataPath string) []string) []InputFile {
	out := []InputFile{{cfgPath, "the config"}}
	for _, f := range cfg.Inputs() {
		out = append(out, InputFile{f.Path, f.What})
		if f.Data && texts != nil && fs.ValidPath(f.Path) {
			for _, t := range texts(f.Path) {
				out = append(out, InputFile{t, "a source's text file"})
			}
		}
	}
	return out
}
