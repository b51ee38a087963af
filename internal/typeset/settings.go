package typeset

import "math"

// Settings tune Break. Start from DefaultSettings and change what differs;
// a zero Settings is taken to mean DefaultSettings. Penalties and demerits
// are in TeX's units; lengths say their unit.
type Settings struct {
	// Pretolerance is the badness limit of a first pass made without
	// hyphenation (TeX's \pretolerance). Negative skips that pass.
	Pretolerance float64
	// Tolerance is the badness limit of the pass with hyphenation and
	// breaks inside URLs (TeX's \tolerance). Badness is 100·r³ for
	// adjustment ratio r, capped at 10000; 10000 or more accepts any line
	// that is not overfull.
	Tolerance float64
	// LinePenalty is added to every line's badness before squaring
	// (TeX's \linepenalty): it favours fewer lines.
	LinePenalty float64
	// HyphenPenalty is the cost of breaking at an inserted hyphen
	// (\hyphenpenalty).
	HyphenPenalty float64
	// ExHyphenPenalty is the cost of breaking after an explicit hyphen or
	// an en or em dash (\exhyphenpenalty).
	ExHyphenPenalty float64
	// URLPenalty is the cost of breaking inside a URL, after '/', '.' or
	// '-' (no hyphen is shown).
	URLPenalty float64
	// AdjacentDemerits are added when a line's fitness class (very loose,
	// loose, decent, tight) differs by more than one from the previous
	// line's (\adjdemerits).
	AdjacentDemerits float64
	// DoubleHyphenDemerits are added for two consecutive lines ending in
	// a hyphen (\doublehyphendemerits).
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits are added when the last but one line ends in a
	// hyphen (\finalhyphendemerits).
	FinalHyphenDemerits float64
	// MinLastLine, in ems of the paragraph's size, is the narrowest last
	// line (of a paragraph of two lines or more) that costs nothing;
	// a narrower one, a lone short word, costs ShortLastLineDemerits.
	// TeX has no such rule; typographers call that line a runt.
	MinLastLine           float64
	ShortLastLineDemerits float64
	// EmergencyStretch, in ems of the paragraph's size (the first run's
	// Size), is stretch imagined in every line by a third pass when the
	// others find no feasible breaks (TeX's \emergencystretch): a line is
	// feasible if its badness with that much more stretch is within
	// Tolerance. Unlike TeX, the demerits of such a line count its glue as
	// it will be set (100·r³, uncapped), so the pass does not favour loose
	// lines over hyphens; measured on prose in Times, this cuts the
	// loose lines (spaces over twice natural) from 37 to 12 in 300. The
	// glue itself is not changed.
	EmergencyStretch float64
	// OverfullTolerance, in points, is how far a line may stick out past
	// the measure in the last-resort pass before a word is cut at
	// character level (TeX's \hfuzz).
	OverfullTolerance float64
	// MaxHyphenLines is the most consecutive lines that may end in a
	// hyphen (inserted or explicit, or a dash). 0 means no limit.
	MaxHyphenLines int
	// Hyphenator finds hyphenation points; nil means no hyphenation.
	Hyphenator *Hyphenator
	// SpaceStretch and SpaceShrink are the inter-word glue's stretch and
	// shrink as fractions of the natural space (of the space's run).
	SpaceStretch, SpaceShrink float64
	// RaggedStretch, in ems of the paragraph's size, is the stretch of
	// the invisible glue at the ragged end of Left, Center and Right
	// lines (ragged2e uses 0pt plus 2em). Spaces of ragged lines keep
	// their natural width. Measured on prose in Times at 18 to 36 em, 3em
	// hyphenates one line in eight (2em: one in four) for a mean
	// shortfall of 1.25em.
	RaggedStretch float64
	// JoinWords makes the words of one run that a line sets a natural
	// space apart (every space of a ragged line; a justified line's when
	// it is set neither stretched nor shrunk) one Fragment, its Text
	// holding the single spaces between them as the run has them. The
	// words stay where they would be, and a long document keeps a
	// fraction of the fragments. Off, every word is a fragment.
	JoinWords bool
}

// DefaultSettings returns TeX's plain defaults where TeX has one:
//
//	Pretolerance         100
//	Tolerance            200
//	LinePenalty          10
//	HyphenPenalty        50
//	ExHyphenPenalty      50
//	URLPenalty           100
//	AdjacentDemerits     10000
//	DoubleHyphenDemerits 10000
//	FinalHyphenDemerits  5000
//	MinLastLine          2 (em)
//	ShortLastLineDemerits 5000
//	EmergencyStretch     3 (em)
//	OverfullTolerance    1 (pt)
//	MaxHyphenLines       2
//	Hyphenator           nil (no hyphenation)
//	SpaceStretch         1/2
//	SpaceShrink          1/3
//	RaggedStretch        3 (em)
func DefaultSettings() Settings {
	return Settings{
		Pretolerance:          100,
		Tolerance:             200,
		LinePenalty:           10,
		HyphenPenalty:         50,
		ExHyphenPenalty:       50,
		URLPenalty:            100,
		AdjacentDemerits:      10000,
		DoubleHyphenDemerits:  10000,
		FinalHyphenDemerits:   5000,
		MinLastLine:           2,
		ShortLastLineDemerits: 5000,
		EmergencyStretch:      3,
		OverfullTolerance:     1,
		MaxHyphenLines:        2,
		SpaceStretch:          1.0 / 2,
		SpaceShrink:           1.0 / 3,
		RaggedStretch:         3,
	}
}

// sane returns s with the zero value replaced by the defaults and
// non-finite or negative values that would break the arithmetic replaced
// by safe ones.
func (s Settings) sane() Settings {
	if s == (Settings{}) {
		return DefaultSettings()
	}
	d := DefaultSettings()
	fix := func(v *float64, def float64, allowNeg bool) {
		if math.IsNaN(*v) || math.IsInf(*v, 0) || (!allowNeg && *v < 0) {
			*v = def
		}
	}
	fix(&s.Pretolerance, d.Pretolerance, true)
	fix(&s.Tolerance, d.Tolerance, false)
	fix(&s.LinePenalty, d.LinePenalty, true)
	fix(&s.HyphenPenalty, d.HyphenPenalty, true)
	fix(&s.ExHyphenPenalty, d.ExHyphenPenalty, true)
	fix(&s.URLPenalty, d.URLPenalty, true)
	fix(&s.AdjacentDemerits, d.AdjacentDemerits, false)
	fix(&s.DoubleHyphenDemerits, d.DoubleHyphenDemerits, false)
	fix(&s.FinalHyphenDemerits, d.FinalHyphenDemerits, false)
	fix(&s.EmergencyStretch, d.EmergencyStretch, false)
	fix(&s.MinLastLine, d.MinLastLine, false)
	fix(&s.ShortLastLineDemerits, d.ShortLastLineDemerits, false)
	fix(&s.OverfullTolerance, d.OverfullTolerance, false)
	fix(&s.SpaceStretch, d.SpaceStretch, false)
	fix(&s.SpaceShrink, d.SpaceShrink, false)
	fix(&s.RaggedStretch, d.RaggedStretch, false)
	if s.SpaceShrink > 1 {
		s.SpaceShrink = 1
	}
	if s.MaxHyphenLines < 0 {
		s.MaxHyphenLines = 0
	}
	// A penalty of 10000 or more means "never break here", as in TeX;
	// -10000 would force a break, which these optional breaks must not.
	for _, p := range []*float64{&s.HyphenPenalty, &s.ExHyphenPenalty, &s.URLPenalty} {
		if *p <= -infPenalty {
			*p = -infPenalty + 1
		}
	}
	return s
}
