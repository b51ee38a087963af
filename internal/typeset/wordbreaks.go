package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where a word may break: after explicit hyphens and dashes, inside URLs,
// at soft hyphens and zero-width spaces, and where Liang hyphenation allows.

// breakKind is the kind of a break opportunity inside a word.
type breakKind uint8

const (
	exHyphenBreak  breakKind = iota // after an explicit hyphen or dash
	urlBreak                        // inside a URL, no hyphen shown
	hyphenBreak                     // Liang hyphenation or a soft hyphen, a hyphen inserted
	zeroWidthBreak                  // a zero-width space
	levelBreak                      // where the bidi level changes: a piece boundary, no line break
)

type wordBreak struct {
	at   int // byte offset in the chunk: the break falls before chunk[at:]
	skip int // bytes dropped at the break: an invisible soft hyphen or zero-width space
	kind breakKind
}

const (
	softHyphen     = '\u00ad'
	zeroWidthSpace = '\u200b'
)

// isURL reports words set as URLs or paths: never hyphenated, breakable
// after '/', '.' and '-'.
func isURL(w string) bool {
	if strings.Contains(w, "://") || strings.Contains(w, "www.") {
		return true
	}
	return len(w) >= 12 && strings.Contains(w, "/")
}

func isDash(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2013' || r == '\u2014'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordBreaks appends to bs the breaks allowed in the word w (bytes a to b
// of run ri), in increasing order. glued reports that w continues a word
// of the previous run.
func wordBreaks(w string, bs []wordBreak, c *collector, ri int32, a, b int, glued bool) []wordBreak {
	// Soft hyphens and zero-width spaces are breaks the author put in:
	// the word breaks there and nowhere else, and they are not shown.
	if strings.ContainsRune(w, softHyphen) || strings.ContainsRune(w, zeroWidthSpace) {
		prev := rune(0)
		for i, r := range w {
			switch r {
			case softHyphen:
				kind := hyphenBreak
				if isDash(prev) {
					// After a hyphen or dash the line already ends in
					// one: no second.
					kind = exHyphenBreak
				}
				bs = append(bs, wordBreak{i, utf8.RuneLen(r), kind})
			case zeroWidthSpace:
				bs = append(bs, wordBreak{i, utf8.RuneLen(r), zeroWidthBreak})
			}
			if r != softHyphen {
				prev = r
			}
		}
		return bs
	}
	if isURL(w) {
		for i := 0; i < len(w); i++ {
			ch := w[i]
			if ch != '/' && ch != '.' && ch != '-' {
				continue
			}
			next := i + 1
			if next >= len(w) || w[next] == '/' || strings.Trim(w[next:], ".,;:!?)]}'\"") == "" {
				continue
			}
			if i == 0 {
				continue
			}
			bs = append(bs, wordBreak{next, 0, urlBreak})
		}
		return bs
	}
	prevWord := false
	hasDash := false
	for i, r := range w {
		if isDash(r) {
			hasDash = true
			end := i + utf8.RuneLen(r)
			if prevWord && end < len(w) {
				nr, _ := utf8.DecodeRuneInString(w[end:])
				if isWordRune(nr) {
					bs = append(bs, wordBreak{end, 0, exHyphenBreak})
				}
			} else if prevWord && end == len(w) && c.continuesIntoNextRun(ri, b) {
				// "well-" in one run, "known" in the next.
				bs = append(bs, wordBreak{end, 0, exHyphenBreak})
			}
		}
		prevWord = isWordRune(r)
	}
	if hasDash || !c.hyphenate || c.s.Hyphenator == nil || c.s.HyphenPenalty >= infPenalty {
		return bs
	}
	if !c.metricsOf(ri).hyphenOK {
		return bs
	}
	// The core of the word: w without leading and trailing punctuation.
	lo, hi := 0, len(w)
	for lo < hi {
		r, size := utf8.DecodeRuneInString(w[lo:])
		if unicode.IsLetter(r) {
			break
		}
		lo += size
	}
	for hi > lo {
		r, size := utf8.DecodeLastRuneInString(w[:hi])
		if unicode.IsLetter(r) {
			break
		}
		hi -= size
	}
	core := w[lo:hi]
	// A clitic after an apostrophe ("ministry's") stays with its word,
	// which is hyphenated alone.
	if k := strings.IndexAny(core, "'\u2019"); k > 0 {
		core, hi = core[:k], lo+k
	}
	if core == "" {
		return bs
	}
	// A word that runs on from or into another run is not hyphenated: its
	// pieces are not words.
	if (glued && lo == 0) || (hi == len(w) && c.continuesIntoNextRun(ri, b)) {
		return bs
	}
	first, _ := utf8.DecodeRuneInString(core)
	if unicode.IsUpper(first) || unicode.IsTitle(first) {
		return bs
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			return bs
		}
	}
	for _, r := range core {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return bs
		}
	}
	for _, at := range c.s.Hyphenator.hyphenate(core, &c.hyph) {
		bs = append(bs, wordBreak{lo + at, 0, hyphenBreak})
	}
	return bs
}
