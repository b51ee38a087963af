package shape

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
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

	simpleOnce  sync.Once
	simpleModel *Simple // see Face.simple
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
	parsed, err := withoutOutlines(data)
	if err != nil {
		return nil, fmt.Errorf("%s: not a usable font file: %w", name, err)
	}
	ff, err := font.ParseTTF(parsed)
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
// It reads the cmap itself, not through go-text's Face, whose lookup
// caches are written as it reads and so may not be shared between
// goroutines.
func (f *Face) Has(r rune) bool {
	_, ok := f.face.Cmap.Lookup(r)
	return ok
}

// GlyphIndex is the glyph the cmap gives r, and whether there is one.
func (f *Face) GlyphIndex(r rune) (uint16, bool) {
	g, ok := f.face.Cmap.Lookup(r) // not NominalGlyph: see Has
	return uint16(g), ok
}

// GlyphAdvance is the horizontal advance of glyph g in font units (hmtx),
// what a PDF font's /W array states for it.
func (f *Face) GlyphAdvance(g uint16) int {
	return int(f.face.HorizontalAdvance(font.GID(g)))
}

// newHBFont is a HarfBuzz font at scale = units per em, so positions
// come out in font units, exactly as hb-shape prints them by default.
// Each has a go-text Face of its own over the shared, read-only parsed
// font: a Face's cmap and glyph-extents caches are written as it is
// read, so shapers on several goroutines must not share one.
func (f *Face) newHBFont() *harfbuzz.Font { return harfbuzz.NewFont(font.NewFace(f.face.Font)) }

var errEmptyChain = errors.New("shape: a font needs at least one face")

// withoutOutlines returns data, for go-text's parser, with its TrueType
// outline tables ("glyf", "loca") hidden, which the parser would read
// glyph by glyph when it loads a font: half the time of parsing
// Liberation Serif, paid for each face a build uses. The shaper needs
// no outlines (advances come from hmtx, positions from GPOS) except to
// place marks in a font without a GPOS "mark" feature, where HarfBuzz
// falls back to the glyphs' extents: such a font keeps its outlines.
// The tables are hidden by renaming their tags in a copy of the table
// directory only; the file is not copied. A table directory entry that
// runs past the end of the file is an error. data is not modified.
func withoutOutlines(data []byte) (*patchedFile, error) {
	be := binary.BigEndian
	n := int(be.Uint16(data[4:]))
	if 12+16*n > len(data) {
		return nil, errors.New("table directory runs past the end of the file")
	}
	var hide []int
	hasMark := false
	for i := range n {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, size := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
		if off+size > int64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tag)
		}
		switch tag {
		case "glyf", "loca":
			hide = append(hide, 12+16*i)
		case "GPOS":
			hasMark = gposHasMark(data[off : off+size])
		}
	}
	p := &patchedFile{data: data}
	if len(hide) == 0 || !hasMark {
		return p, nil
	}
	p.head = append([]byte(nil), data[:12+16*n]...)
	for _, rec := range hide {
		p.head[rec+3] ^= 0x20 // "glyf" → "glyF": no longer a tag the parser knows
	}
	return p, nil
}

// patchedFile reads a font file with its first len(head) bytes (the
// table directory) replaced by head: an io.ReaderAt, io.Reader and
// io.Seeker, as go-text's parser reads a file.
type patchedFile struct {
	data, head []byte
	pos        int64
}

func (p *patchedFile) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(p.data)) {
		return 0, io.EOF
	}
	n := copy(b, p.data[off:])
	if off < int64(len(p.head)) {
		copy(b[:n], p.head[off:])
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

func (p *patchedFile) Read(b []byte) (int, error) {
	n, err := p.ReadAt(b, p.pos)
	p.pos += int64(n)
	return n, err
}

func (p *patchedFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += p.pos
	case io.SeekEnd:
		offset += int64(len(p.data))
	default:
		return 0, errors.New("invalid whence")
	}
	if offset < 0 {
		return 0, errors.New("negative position")
	}
	p.pos = offset
	return offset, nil
}

// gposHasMark reports whether a GPOS table has a "mark" feature.
func gposHasMark(gpos []byte) bool {
	be := binary.BigEndian
	if len(gpos) < 10 {
		return false
	}
	fl := int(be.Uint16(gpos[6:]))
	if fl+2 > len(gpos) {
		return false
	}
	count := int(be.Uint16(gpos[fl:]))
	for i := range count {
		r := fl + 2 + 6*i
		if r+4 > len(gpos) {
			return false
		}
		if string(gpos[r:r+4]) == "mark" {
			return true
		}
	}
	return false
}
