package shape

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/third_party/bidi"
	"github.com/go-text/typesetting/language"
	xbidi "golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// Direction is a paragraph's base direction.
type Direction int

const (
	// Auto takes the direction of the text's first strong character
	// (rules P2 and P3 of the Unicode Bidirectional Algorithm),
	// left to right if it has none.
	Auto Direction = iota
	LeftToRight
	RightToLeft
)

// Item is a piece of text that is shaped as one run: one bidi level,
// one script, one face.
type Item struct {
	Start, End int             // byte offsets in the text given to Itemize
	Level      uint8           // bidi embedding level: even left to right, odd right to left
	Script     language.Script // Unicode script; Common only if the text has no letters
	Face       *Face
}

// RTL reports whether the item is set right to left.
func (it Item) RTL() bool { return it.Level%2 == 1 }

// Itemize cuts text into items: first by the Unicode Bidirectional
// Algorithm (levels), then by script (characters of the Common and
// Inherited scripts, such as spaces, punctuation, digits and combining
// marks, join the script around them), then by face: each cluster (a
// character and the combining marks after it) goes to the face it is
// in already if that face has it (so a space or a comma between two
// Armenian words stays in the Armenian face), else to the first face of
// the chain that has it (at the start of a bidi level run, the face of
// the next letter, if it has it). A cluster counts as had if the face has all of
// its characters or all of their canonical composition (HarfBuzz sets
// e + U+0301 as é if the font has é). Default-ignorable characters
// (joiners, bidi marks, variation selectors, soft hyphen) need no glyph.
//
// It returns the paragraph level too. Items are in logical order.
// A control character is a *ControlError, a character no face has a
// *MissingError.
func (f *Font) Itemize(text string, dir Direction) ([]Item, uint8, error) {
	if text == "" {
		return nil, 0, nil
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	runes, offs := sc.runes[:0], sc.offs[:0]
	simple := dir != RightToLeft // no character can be right to left
	for i, r := range text {
		if isControl(r) {
			return nil, 0, &ControlError{Rune: r, Offset: i}
		}
		runes = append(runes, r)
		offs = append(offs, i)
		if r >= 0x0590 {
			simple = false
		}
	}
	offs = append(offs, len(text))
	sc.runes, sc.offs = runes, offs
	levels := grow(&sc.levels, len(runes))
	scripts := grow(&sc.scripts, len(runes))
	faces := grow(&sc.faces, len(runes))

	// Bidi levels. Below U+0590 there are no right-to-left characters,
	// no Arabic numbers and no explicit embeddings: all is at level 0.
	paraLevel := uint8(0)
	if simple {
		clear(levels)
	} else {
		def := bidi.Neutral
		switch dir {
		case LeftToRight:
			def = bidi.LeftToRight
		case RightToLeft:
			def = bidi.RightToLeft
		}
		p := &sc.bidi
		bruns := p.Segment(runes, def)
		paraLevel = uint8(p.Level())
		for i := 0; i < bruns.NumRuns(); i++ {
			r := bruns.Run(i)
			for j := r.Start; j < r.End; j++ {
				levels[j] = uint8(r.Level)
			}
		}
	}

	// Scripts, resolved within each level run.
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && levels[j] == levels[i] {
			j++
		}
		resolveScripts(runes[i:j], scripts[i:j])
		i = j
	}

	// Faces, cluster by cluster.
	var cur *Face
	for i := 0; i < len(runes); {
		j := i + 1
		for j < len(runes) && extendsCluster(runes[j]) && levels[j] == levels[i] {
			j++
		}
		cl := runes[i:j]
		if i > 0 && levels[i] != levels[i-1] {
			// A new level run: a space or a digit there is not
			// held in the face of the run before.
			cur = nil
		}
		strong := scripts[i] != language.Common && language.LookupScript(runes[i]).Strong()
		var pick *Face
		if !strong && cur == nil {
			// A neutral at the start of a level run goes with the
			// first strong character after it in the run, if that
			// character's face has it.
			for k := j; k < len(runes) && levels[k] == levels[i]; k++ {
				if language.LookupScript(runes[k]).Strong() {
					for _, fc := range f.faces {
						if fc.Has(runes[k]) {
							if covers(fc, cl) {
								pick = fc
							}
							break
						}
					}
					break
				}
			}
		}
		if pick == nil && cur != nil && !strong && covers(cur, cl) {
			pick = cur
		}
		if pick == nil {
			for _, fc := range f.faces {
				if covers(fc, cl) {
					pick = fc
					break
				}
			}
		}
		if pick == nil {
			if allIgnorable(cl) {
				pick = cur
				if pick == nil {
					pick = f.faces[0]
				}
			} else {
				k := i + missingIndex(f.faces, cl)
				names := make([]string, len(f.faces))
				for n, fc := range f.faces {
					names[n] = fc.name
				}
				return nil, 0, &MissingError{Rune: runes[k], Offset: offs[k], Faces: names}
			}
		}
		for k := i; k < j; k++ {
			faces[k] = pick
		}
		cur = pick
		i = j
	}

	var items []Item
	start := 0
	for i := 1; i <= len(runes); i++ {
		if i < len(runes) && levels[i] == levels[start] && scripts[i] == scripts[start] && faces[i] == faces[start] {
			continue
		}
		items = append(items, Item{Start: offs[start], End: offs[i], Level: levels[start], Script: scripts[start], Face: faces[start]})
		start = i
	}
	clear(faces) // do not keep faces alive from the pool
	return items, paraLevel, nil
}

// HasRightToLeft reports whether text has a character of bidi class R
// or AL (Hebrew, Arabic…) or an explicit right-to-left embedding,
// override or isolate: text whose order on the page is not its order in
// the string.
func HasRightToLeft(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < 0xD6 { // no code point at or above U+0590 starts here
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[i:])
		if r < 0x0590 {
			continue
		}
		p, _ := xbidi.LookupRune(r)
		switch p.Class() {
		case xbidi.R, xbidi.AL, xbidi.RLE, xbidi.RLO, xbidi.RLI:
			return true
		}
	}
	return false
}

// BidiLevels resolves the Unicode Bidirectional Algorithm over a
// paragraph made of texts, in order: the embedding level of each byte of
// each text (odd: right to left) and the paragraph's level, or nil when
// none holds right-to-left text. The paragraph is right to left (level
// 1) when most of its letters are, and its first letter is, right to
// left (a higher-level protocol, UAX #9 HL1: a Hebrew quotation reads
// right to left, an English sentence that opens with a Hebrew name does
// not); else left to right.
func BidiLevels(texts []string) ([][]uint8, uint8) {
	rtl := false
	n := 0
	for _, t := range texts {
		rtl = rtl || HasRightToLeft(t)
		n += utf8.RuneCountInString(t)
	}
	if !rtl {
		return nil, 0
	}
	runes := make([]rune, 0, n)
	for _, t := range texts {
		for _, r := range t {
			// The texts are one paragraph whose line feeds and tabs
			// are spaces between words: a paragraph or segment
			// separator (which would end UAX #9's paragraph, or reset
			// its level) counts as a space.
			if r < 0x20 || r == 0x85 || r == 0x2028 || r == 0x2029 {
				if p, _ := xbidi.LookupRune(r); p.Class() == xbidi.B || p.Class() == xbidi.S {
					r = ' '
				}
			}
			runes = append(runes, r)
		}
	}
	dir := bidi.LeftToRight
	if rightToLeftParagraph(runes) {
		dir = bidi.RightToLeft
	}
	var p bidi.Paragraph
	runs := p.Segment(runes, dir)
	byRune := make([]uint8, len(runes))
	for i := 0; i < runs.NumRuns(); i++ {
		r := runs.Run(i)
		for j := r.Start; j < r.End; j++ {
			byRune[j] = uint8(r.Level)
		}
	}
	out := make([][]uint8, len(texts))
	k := 0
	for i, t := range texts {
		lv := make([]uint8, len(t))
		for off := 0; off < len(t); {
			_, size := utf8.DecodeRuneInString(t[off:])
			for b := off; b < off+size; b++ {
				lv[b] = byRune[k]
			}
			off += size
			k++
		}
		out[i] = lv
	}
	return out, uint8(p.Level())
}

// rightToLeftParagraph reports whether the first strong character of
// runes is right to left and more than half of them are.
func rightToLeftParagraph(runes []rune) bool {
	first, l, r := -1, 0, 0
	for _, c := range runes {
		p, _ := xbidi.LookupRune(c)
		switch p.Class() {
		case xbidi.L:
			l++
			if first < 0 {
				first = 0
			}
		case xbidi.R, xbidi.AL:
			r++
			if first < 0 {
				first = 1
			}
		}
	}
	return first == 1 && r > l
}

// scratch is Itemize's working memory, reused through scratchPool.
type scratch struct {
	runes   []rune
	offs    []int
	levels  []uint8
	scripts []language.Script
	faces   []*Face
	bidi    bidi.Paragraph
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns (*s)[:n], reallocating when it is too short.
func grow[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n, n+n/2)
	}
	*s = (*s)[:n]
	return *s
}

// resolveScripts gives each character of a level run a script: a
// character of the Common or Inherited script takes the script of the
// strong character before it, or, at the start of the run, of the first
// strong character after it (as HarfBuzz guesses a buffer's script).
func resolveScripts(runes []rune, out []language.Script) {
	cur := language.Common
	for _, r := range runes {
		if s := language.LookupScript(r); s.Strong() {
			cur = s
			break
		}
	}
	for i, r := range runes {
		if s := language.LookupScript(r); s.Strong() {
			cur = s
		}
		out[i] = cur
	}
}

// extendsCluster reports whether r belongs to the cluster of the
// character before it: a combining mark, a joiner, a variation selector.
func extendsCluster(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == 0x200c || r == 0x200d ||
		(r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef) || (r >= 0x1f3fb && r <= 0x1f3ff)
}

// covers reports whether face f can set the cluster: it has every
// character that needs a glyph, either as written or in canonical
// composition.
func covers(f *Face, cl []rune) bool {
	if hasAll(f, cl) {
		return true
	}
	if len(cl) < 2 {
		return false
	}
	var buf [64]byte
	b := buf[:0]
	for _, r := range cl {
		b = utf8.AppendRune(b, r)
	}
	composed := norm.NFC.Bytes(b)
	ok := true
	for _, r := range string(composed) {
		if !isDefaultIgnorable(r) && !f.Has(r) {
			ok = false
			break
		}
	}
	return ok
}

func hasAll(f *Face, cl []rune) bool {
	for _, r := range cl {
		if !isDefaultIgnorable(r) && !f.Has(r) {
			return false
		}
	}
	return true
}

func allIgnorable(cl []rune) bool {
	for _, r := range cl {
		if !isDefaultIgnorable(r) {
			return false
		}
	}
	return true
}

// missingIndex picks the character of an unset cluster to name in the
// error: the first that no face has; failing that (each character is
// in some face, but no face has them all), the first the face of the
// cluster's first character lacks.
func missingIndex(faces []*Face, cl []rune) int {
	for k, r := range cl {
		if isDefaultIgnorable(r) {
			continue
		}
		found := false
		for _, f := range faces {
			if f.Has(r) {
				found = true
				break
			}
		}
		if !found {
			return k
		}
	}
	for _, f := range faces {
		if f.Has(cl[0]) {
			for k, r := range cl {
				if !isDefaultIgnorable(r) && !f.Has(r) {
					return k
				}
			}
		}
	}
	return 0
}

// isControl: C0 and C1 controls and the line and paragraph separators.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029
}

// isDefaultIgnorable is Unicode's Default_Ignorable_Code_Point less the
// Hangul fillers: characters HarfBuzz hides (zero advance) when a font
// has no glyph for them.
func isDefaultIgnorable(r rune) bool {
	switch {
	case r == 0x00ad, r == 0x034f, r == 0x061c, r == 0x17b4, r == 0x17b5,
		r >= 0x180b && r <= 0x180f,
		r >= 0x200b && r <= 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x206f,
		r >= 0xfe00 && r <= 0xfe0f,
		r == 0xfeff,
		r >= 0xfff0 && r <= 0xfff8,
		r >= 0x1bca0 && r <= 0x1bca3,
		r >= 0x1d173 && r <= 0x1d17a,
		r >= 0xe0000 && r <= 0xe0fff:
		return true
	}
	return false
}

// Reorder gives the visual order of a line's runs from their bidi
// levels (rule L2 of the Unicode Bidirectional Algorithm): from the
// highest level down to the lowest odd one, every maximal sequence of
// runs at that level or higher is reversed. order[i] is the index of the
// run drawn i-th from the left. Trailing spaces should be at the
// paragraph level (rule L1) before calling it; a line broken at spaces
// has none.
func Reorder(levels []uint8) []int {
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	if len(levels) == 0 {
		return order
	}
	hi, lo := uint8(0), uint8(255)
	for _, l := range levels {
		hi = max(hi, l)
		if l%2 == 1 {
			lo = min(lo, l)
		}
	}
	if lo == 255 {
		return order // no right-to-left run
	}
	lv := append([]uint8(nil), levels...)
	for l := hi; l >= lo; l-- {
		for i := 0; i < len(lv); {
			if lv[i] < l {
				i++
				continue
			}
			j := i
			for j < len(lv) && lv[j] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = j
		}
		if l == 0 {
			break
		}
	}
	return order
}
