package fonts

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Which characters a face can set, and the errors that say which it cannot.

// MissingGlyphs returns the distinct code points of str that neither
// the named face nor its fallbacks can set, in order of first
// appearance. Control characters (tab, newline, …) are not reported.
// For an unknown face every distinct code point is missing.
func (s *Set) MissingGlyphs(font, str string) []rune {
	var widths []int32
	i := index(font)
	if i >= 0 {
		widths = s.faces[i].m.widths
	}
	var out []rune
	for _, r := range str {
		if r < 0x20 || r == 0x7f || (widths != nil && r < 1<<16 && widths[r] != noGlyph) {
			continue
		}
		if i >= 0 && s.shaped && s.has(i, r) {
			continue
		}
		seen := false
		for _, o := range out {
			if o == r {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, r)
		}
	}
	return out
}

// GlyphError says which characters a face cannot set.
type GlyphError struct {
	Face    string // face name
	Source  string // font file or built-in font name
	Missing []rune
}

func (e *GlyphError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "font %s (%s) has no glyph for ", e.Face, e.Source)
	for i, r := range e.Missing {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(RuneName(r))
	}
	return b.String()
}

// RuneName formats r as "U+0259 'ə'" for messages.
func RuneName(r rune) string {
	if r < 0x20 || r == 0x7f || !utf8.ValidRune(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %q", r, r)
}

// CheckGlyphs returns a *GlyphError if the named face cannot set every
// character of str, an error if font is not a face of the Set, else nil.
func (s *Set) CheckGlyphs(font, str string) error {
	f := s.face(font)
	if f == nil {
		return fmt.Errorf("unknown font %q (want one of %s)", font, strings.Join(names[:], ", "))
	}
	if missing := s.MissingGlyphs(font, str); len(missing) > 0 {
		return &GlyphError{Face: font, Source: f.Source, Missing: missing}
	}
	return nil
}
