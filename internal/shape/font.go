package shape

import (
	"fmt"
	"strings"
	"sync"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/dejavu/dejavuserif"
)

// Font is what a run of text is set in: a chain of faces tried in order
// (the primary face, then its fallbacks), OpenType feature settings and
// a language. Each character goes to the first face of the chain that
// has it; a character none has is a *MissingError. A Font is immutable
// and safe for concurrent use.
type Font struct {
	faces    []*Face
	features Features
	lang     string
	id       string // cache key: face ids, features, language
}

// NewFont makes a Font from a chain of faces (at least one; the first is
// the primary face) and feature settings. lang is a BCP 47 language tag
// ("en", "tr", "vi") that selects a font's language-specific forms
// (locl), or "" for none.
func NewFont(chain []*Face, features Features, lang string) (*Font, error) {
	if len(chain) == 0 {
		return nil, errEmptyChain
	}
	var b strings.Builder
	for i, f := range chain {
		if f == nil {
			return nil, fmt.Errorf("shape: face %d of the chain is nil", i)
		}
		fmt.Fprintf(&b, "%d,", f.id)
	}
	b.WriteString("|" + features.key + "|" + lang)
	return &Font{faces: append([]*Face(nil), chain...), features: features, lang: lang, id: b.String()}, nil
}

// Simple is the primary face's Simple (text it sets as HarfBuzz would,
// without HarfBuzz), or nil: a font with feature settings or a language
// has none, nor has a face that does not qualify (see Simple).
func (f *Font) Simple() *Simple {
	if f.features.key != "" || f.lang != "" {
		return nil
	}
	return f.faces[0].simple()
}

// Faces is the chain, primary face first.
func (f *Font) Faces() []*Face { return append([]*Face(nil), f.faces...) }

// Features is the font's feature settings.
func (f *Font) Features() Features { return f.features }

// WithFeatures is the same chain and language with other features
// (tables set in the body's faces with "tnum", say).
func (f *Font) WithFeatures(ft Features) *Font {
	g, _ := NewFont(f.faces, ft, f.lang)
	return g
}

// Built-in fallback faces: DejaVu Serif and DejaVu Sans from
// codeberg.org/go-fonts/dejavu. Liberation (the default body faces) has
// Latin, Greek and Cyrillic but no Armenian, Georgian, Hebrew or Arabic;
// DejaVu Serif adds Armenian, Georgian, Greek and Cyrillic, DejaVu Sans
// those and Hebrew and Arabic (see TestBuiltinFallbackCoverage).
var (
	builtinOnce sync.Once
	dejaVuSerif *Face
	dejaVuSans  *Face
	builtinErr  error
)

func builtin() (*Face, *Face, error) {
	builtinOnce.Do(func() {
		dejaVuSerif, builtinErr = ParseFace("DejaVu Serif", dejavuserif.TTF)
		if builtinErr == nil {
			dejaVuSans, builtinErr = ParseFace("DejaVu Sans", dejavusans.TTF)
		}
	})
	return dejaVuSerif, dejaVuSans, builtinErr
}

// BuiltinFallback is the built-in fallback chain to put after a
// family's own faces: for serif families DejaVu Serif then DejaVu Sans
// (for what the serif lacks: Hebrew, Arabic), for sans families DejaVu
// Sans. The faces are parsed once per process.
func BuiltinFallback(serif bool) ([]*Face, error) {
	se, sa, err := builtin()
	if err != nil {
		return nil, err
	}
	if serif {
		return []*Face{se, sa}, nil
	}
	return []*Face{sa}, nil
}

// MissingError is a character that no face of a font's chain has. The
// caller knows where the text came from and adds FILE:LINE:COL; Offset
// is the character's byte offset in the text given to the shaper.
type MissingError struct {
	Rune   rune
	Offset int
	Faces  []string // the chain's face names, in order
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("no font has the character %s (tried %s)", describeRune(e.Rune), strings.Join(e.Faces, ", "))
}

// describeRune is how errors name a character: "Ա" (U+0531), or only
// the code point for invisible ones.
func describeRune(r rune) string {
	if r < 0x20 || (r >= 0x7f && r < 0xa0) || isDefaultIgnorable(r) || r == 0xfffd {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("%q (U+%04X)", string(r), r)
}

// ControlError is a control character (tab, line feed, U+0000…) in text
// to be set: the caller must turn it into a space or a line break first.
type ControlError struct {
	Rune   rune
	Offset int
}

func (e *ControlError) Error() string {
	return fmt.Sprintf("control character U+%04X cannot be set in a line", e.Rune)
}

// Has reports whether some face of the chain has r, or r needs no glyph
// (a default-ignorable character such as a joiner or a bidi mark). It is
// the check to run over input text before layout, so that a missing
// character is reported with its position in the input.
func (f *Font) Has(r rune) bool {
	if isDefaultIgnorable(r) {
		return true
	}
	for _, fc := range f.faces {
		if fc.Has(r) {
			return true
		}
	}
	return false
}
