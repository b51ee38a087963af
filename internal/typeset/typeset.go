// Package typeset lays out text: it breaks paragraphs into lines and
// sequences of measured blocks into pages. It knows nothing of PDF or of
// fonts' files: widths come in through a Measurer, and what it returns is
// geometry (positioned fragments, lines, page placements) that the caller
// draws.
//
// The stages are named as in TeX and Typst: collect (Paragraph of styled
// Runs → boxes, glue and penalties) → Break (lines, Knuth and Plass's
// total fit with Settings and an optional Liang Hyphenator) → Paginate
// (measured Blocks → Pages, with widows, orphans, keeps, floats and
// repeated table heads; PaginateReport also says which rules it broke).
//
// Everything is deterministic and safe on any input: negative or NaN
// widths and heights count as 0, and nothing panics. Break may be called
// from several goroutines at once.
package typeset

// Measurer measures text. Width is the advance width, in points, of s set
// in the named font at size points. HasGlyph reports whether the font can
// set r.
type Measurer interface {
	Width(font string, size float64, s string) float64
	HasGlyph(font string, r rune) bool
}

// Shaping is implemented by a Measurer that may shape text (kern and
// ligate across the letters of a word) when Shaping reports true: a
// word's pieces are then measured as differences of its prefixes and an
// inserted hyphen as what it adds to the piece before it, so the pieces
// add up to the unbroken word. Otherwise each piece is measured alone
// (widths are additive).
type Shaping interface {
	Shaping() bool
}

// HyphenMeasurer is implemented by a shaping Measurer that measures text
// with a hyphen after it (kerned to its last letter) without the caller
// building that string: the width Width gives text + "-".
type HyphenMeasurer interface {
	HyphenatedWidth(font string, size float64, text string) float64
}

// PrefixMeasurer is implemented by a shaping Measurer that can measure
// a word's prefixes in one pass: for each cut (byte offsets of
// characters in word, ascending, the last possibly len(word)) the
// widths Width gives word[:cut] and word[:cut] + "-". It reports false
// when it cannot; the caller then measures each prefix with Width.
type PrefixMeasurer interface {
	Prefixes(font string, size float64, word string, cuts []int, widths, hyphenated []float64) bool
}

// Style is how a run of text is set. Tag is opaque to typeset and carried
// to every Fragment cut from the run (a link target, a colour, a note
// anchor).
type Style struct {
	Font string  // a name the Measurer knows
	Size float64 // points
	Rise float64 // baseline shift in points, up positive (superscripts)
	Tag  any
}

// Run is text in one style. Spaces in Text are break opportunities (glue);
// a "\u00a0" is a space that does not break.
type Run struct {
	Text  string
	Style Style
}

// Align is how lines sit in the measure.
type Align int

const (
	Justify Align = iota // all lines but the last fill the measure
	Left
	Center
	Right
)

// Paragraph is the input of Break.
type Paragraph struct {
	Runs        []Run
	Width       float64 // the measure, points
	FirstIndent float64 // indent of the first line, points
	Align       Align
}

// Fragment is a piece of a line: text in one style at X points from the
// line's start (the left edge of the measure). X already includes the
// first line's indent, the set (stretched or shrunk) spaces and the
// offset of centred or right-aligned lines. A fragment is one word, or
// the part of a word in one run (a word and its note number are two
// fragments side by side); Width is its width as measured.
//
// In a paragraph with right-to-left text (bidi.go), Level is the
// fragment's bidi embedding level (odd: right to left; draw its text
// right to left) and X is its place in visual order; the Fragments stay
// in logical (reading) order.
//
// Gap is the set width of the space between the fragment and the next
// one in reading order (0 if they touch, as a word and its note
// number do, and after the line's last fragment), and GapX where that
// space starts on the line: X + Width, except where right-to-left text
// put the next fragment elsewhere.
type Fragment struct {
	X     float64
	Width float64
	Gap   float64
	GapX  float64
	Text  string
	Style Style
	Level uint8
}

// Line is one broken line.
type Line struct {
	Fragments []Fragment
	Width     float64 // the width of the set line (from 0 to the end of its last fragment)
	// Ratio is the adjustment ratio of the line's spaces: 0 natural, r > 0
	// stretched by r times their stretch (a space is then 1 + r·SpaceStretch
	// times its natural width), r < 0 shrunk, -1 at the most. Ragged
	// lines and a last line that is not shrunk have 0; a justified line
	// with nothing to stretch (one word) has NoStretchRatio.
	Ratio    float64
	Hyphen   bool // ends with an inserted hyphen (included in the last fragment's Text and Width)
	Overfull bool // wider than the measure (no feasible break)
	Last     bool // the paragraph's last line
	// RTL: the line is of a right-to-left paragraph, set from the right
	// edge of the measure (a shaping Measurer found most of its letters
	// right to left, the first one too): what goes with the paragraph
	// (a list bullet, a quotation's rule, an indent) goes on the right.
	RTL bool
}

// Block is the input of Paginate: a run of vertical material measured in
// advance. Units are the pieces a page break may fall between (the lines
// of a paragraph, the rows of a table); an unbreakable block has a single
// unit.
type Block struct {
	Units        []float64 // heights, points, top to bottom
	SpaceBefore  float64   // discarded at the top of a page
	SpaceAfter   float64   // added to the next block's SpaceBefore
	KeepWithNext bool      // a heading: never the last thing on a page
	Orphans      int       // min units left at the foot of a page when split (0 means 1)
	Widows       int       // min units carried to the next page when split (0 means 1)
	HeadUnits    int       // leading units repeated at the top of each continuation (table header)
	Float        bool      // a figure: may move to the next page while later text fills this one
	BreakBefore  bool      // starts a new page
	// NoBreakAfter, optional, marks units that a page break must not
	// follow when another choice keeps the rules: a line ending in a
	// hyphen (Line.Hyphen; TeX's \brokenpenalty), a row that belongs with
	// the next. Shorter than Units means false for the rest.
	NoBreakAfter []bool
}

// Placement puts units [From, To) of Blocks[Block] on a page, the first at
// Y points below the top of the text area. Head means the block's
// HeadUnits are repeated above From (the first of them at Y).
type Placement struct {
	Block    int
	From, To int
	Y        float64
	Head     bool
}

// Page is the placements on one page, in reading order (Y increasing).
type Page struct {
	Placements []Placement
}
