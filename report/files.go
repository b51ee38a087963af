package report

import (
	"io/fs"

	"github.com/briefing-pdf/briefing/data"
)

// Caps on the files a config names, checked on the bytes read (a symbolic
// link to a device or a file that grows would pass a check on its size).
// A data file's cap is the data package's.
const (
	maxFontSize     = 64 << 20 // the largest CJK TrueType faces are ~20 MB
	maxLogoSize     = 16 << 20 // a cover logo
	maxPatternsSize = 16 << 20 // hyphenation patterns: ~100 KB per language
	maxImageSize    = 16 << 20 // an image in a section's Markdown, as a logo
)

// readInput reads name from fsys if it is a regular file of at most max
// bytes. Its errors name no path: the caller says which file and why it
// was read.
func readInput(fsys fs.FS, name string, max int64) ([]byte, error) {
	return data.ReadRegular(fsys, name, max)
}
