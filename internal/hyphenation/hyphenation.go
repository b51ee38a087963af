// Package hyphenation holds the hyphenation patterns built into briefing:
// plain TeX's US English patterns (Liang and Knuth), hyphen.tex, embedded
// unmodified as its notice asks.
//
// It is a package of its own so that the report (which hyphenates with
// these patterns) and the tests of internal/typeset (which measure line
// breaking with them) read the same file from the repository, and no test
// depends on patterns a machine happens to have installed.
package hyphenation

import (
	"bytes"
	_ "embed"
	"io"
)

//go:embed hyphen.tex
var plainTeX []byte

// PlainTeX returns a reader of hyphen.tex, for typeset.ParseHyphenation.
func PlainTeX() io.Reader { return bytes.NewReader(plainTeX) }
