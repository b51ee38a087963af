package shape

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
)

// Face is one parsed TrueType or OpenType font file (glyf or CFF
// outlines; cmap formats 4 and 12, so characters outside the Basic
// Multilingual Plane are found). A Face is immutable and safe for
// concurrent use.
type Face struct {
	name string
	data []byte
	face *font.Face
	upem int
	id   uint64 // distinct for every parsed face: the shaping cache's key
}

var faceSerial atomic.Uint64

// ParseFace parses a font file. name says where it came from ("DejaVu
// Sans", a user's file name) and is used in error messages. data must
// not be modified afterwards. A font collection (.ttc) is refused: the
// caller must say which of its fonts it means.
func ParseFace(name string, data []byte) (f *Face, err error) {
	if len(data) < 12 {
		return nil, fmt.Errorf("%s: not a TrueType or OpenType font (%d bytes)", name, len(data))
	}
	if string(data[:4]) == "ttcf" {
		return nil, fmt.Errorf("%s: a font collection (.ttc); give one font of it as a .ttf or .otf file", name)
	}
	// go-text's parser trusts table offsets in places; a hostile file
	// must give an error, not crash the build.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%s: not a usable font file: %v", name, r)
		}
	}()
	ff, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a usable font file: %w", name, err)
	}
	upem := int(ff.Upem())
	if upem < 16 || upem > 16384 {
		return nil, fmt.Errorf("%s: unitsPerEm %d is outside 16..16384", name, upem)
	}
	return &Face{name: name, data: data, face: ff, upem: upem, id: faceSerial.Add(1)}, nil
}

// Name is the name given to ParseFace.
func (f *Face) Name() string { return f.name }

// Data is the font file, for embedding. Do not modify it.
func (f *Face) Data() []byte { return f.data }

// UnitsPerEm is the font's design units per em: glyph advances and
// offsets in a Run are in these units.
func (f *Face) UnitsPerEm() int { return f.upem }

// Has reports whether the font maps r to a glyph (its cmap).
func (f *Face) Has(r rune) bool {
	_, ok := f.face.NominalGlyph(r)
	return ok
}

// GlyphIndex is the glyph the cmap gives r, and whether there is one.
func (f *Face) GlyphIndex(r rune) (uint16, bool) {
	g, ok := f.face.NominalGlyph(r)
	return uint16(g), ok
}

// GlyphAdvance is the horizontal advance of glyph g in font units (hmtx),
// what a PDF font's /W array states for it.
func (f *Face) GlyphAdvance(g uint16) int {
	return int(f.face.HorizontalAdvance(font.GID(g)))
}

// newHBFont is a HarfBuzz font at scale = units per em, so positions
// come out in font units, exactly as hb-shape prints them by default.
func (f *Face) newHBFont() *harfbuzz.Font { return harfbuzz.NewFont(f.face) }

var errEmptyChain = errors.New("shape: a font needs at least one face")
