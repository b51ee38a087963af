package typeset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hyphenator finds hyphenation points with Liang's algorithm (as TeX
// does) from a set of patterns and exceptions. The zero value and nil
// hyphenate nothing.
type Hyphenator struct {
	patterns   map[string][]uint8 // letters → inter-letter values (len = letters+1)
	exceptions map[string][]int   // lower-case word → rune positions
	maxLen     int                // longest pattern, in bytes
	// LeftMin and RightMin are the fewest letters kept before the first
	// and after the last hyphen. ParseHyphenation sets 2 and 3 (TeX's
	// \lefthyphenmin and English \righthyphenmin).
	LeftMin, RightMin int
}

// ParseHyphenation reads hyphenation patterns in either of two formats:
//
//   - TeX's: `\patterns{...}` and optional `\hyphenation{...}` (exceptions
//     such as "ta-ble"), with '%' comments; a file of bare patterns,
//     whitespace separated, is read the same way;
//   - libhyphen's `.dic` (Hunspell, LibreOffice): a first line naming the
//     encoding (UTF-8 or ISO8859-1), then one pattern a line.
//     LEFTHYPHENMIN and RIGHTHYPHENMIN set LeftMin and RightMin; its other
//     directives (NEXTLEVEL, NOHYPHEN, COMPOUND...) and non-standard
//     patterns (with '/') are skipped.
//
// A pattern is letters with optional digits between them, '.' marking a
// word edge: "hy3ph", ".ach4", "4m1p". An empty input yields a Hyphenator
// with no patterns.
func ParseHyphenation(r io.Reader) (*Hyphenator, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("typeset: reading hyphenation patterns: %w", err)
	}
	h := &Hyphenator{
		patterns:   make(map[string][]uint8),
		exceptions: make(map[string][]int),
		LeftMin:    2,
		RightMin:   3,
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	enc := strings.ToUpper(strings.TrimSpace(string(first)))
	if isEncodingName(enc) {
		text, err := decode(rest, enc)
		if err != nil {
			return nil, err
		}
		if err := h.readDic(text); err != nil {
			return nil, err
		}
		return h, nil
	}
	if !utf8.Valid(data) {
		return nil, errors.New("typeset: hyphenation patterns are not UTF-8 (a libhyphen .dic must name its encoding on the first line)")
	}
	if err := h.readTeX(string(data)); err != nil {
		return nil, err
	}
	return h, nil
}

// isEncodingName reports a libhyphen first line: a charset name.
func isEncodingName(s string) bool {
	switch {
	case s == "UTF-8", s == "UTF8":
		return true
	case strings.HasPrefix(s, "ISO8859-"), strings.HasPrefix(s, "ISO-8859-"),
		strings.HasPrefix(s, "KOI8-"), strings.HasPrefix(s, "MICROSOFT-CP"), strings.HasPrefix(s, "CP"):
		return true
	}
	return false
}

// decode converts libhyphen text in encoding enc to a Go string.
func decode(b []byte, enc string) (string, error) {
	switch enc {
	case "UTF-8", "UTF8":
		if !utf8.Valid(b) {
			return "", errors.New("typeset: hyphenation patterns declared UTF-8 are not valid UTF-8")
		}
		return string(b), nil
	case "ISO8859-1", "ISO-8859-1":
		var sb strings.Builder
		sb.Grow(len(b))
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return sb.String(), nil
	}
	return "", fmt.Errorf("typeset: hyphenation patterns in unsupported encoding %q (want UTF-8 or ISO8859-1)", enc)
}

func (h *Hyphenator) readDic(text string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 1
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '%' || s[0] == '#' {
			continue
		}
		if f := strings.Fields(s); len(f) > 0 && isDirective(f[0]) {
			if len(f) == 2 && (f[0] == "LEFTHYPHENMIN" || f[0] == "RIGHTHYPHENMIN") {
				if v, err := strconv.Atoi(f[1]); err == nil && v >= 1 && v <= 20 {
					if f[0] == "LEFTHYPHENMIN" {
						h.LeftMin = v
					} else {
						h.RightMin = v
					}
				}
			}
			continue
		}
		if strings.ContainsAny(s, "/=,") { // libhyphen's non-standard patterns
			continue
		}
		s = strings.Fields(s)[0]
		if err := h.addPattern(s); err != nil {
			return fmt.Errorf("typeset: hyphenation patterns line %d: %w", line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("typeset: reading hyphenation patterns: %w", err)
	}
	return nil
}

// isDirective reports libhyphen's upper-case keywords.
func isDirective(f string) bool {
	switch f {
	case "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN",
		"NEXTLEVEL", "NOHYPHEN":
		return true
	}
	return false
}

func (h *Hyphenator) readTeX(text string) error {
	var sb strings.Builder
	for _, ln := range strings.Split(text, "\n") {
		if i := strings.IndexByte(ln, '%'); i >= 0 {
			ln = ln[:i]
		}
		sb.WriteString(ln)
		sb.WriteByte('\n')
	}
	text = sb.String()
	section := "patterns"
	for len(text) > 0 {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		if text == "" {
			break
		}
		switch {
		case strings.HasPrefix(text, `\patterns`):
			section, text = "patterns", strings.TrimPrefix(text, `\patterns`)
			continue
		case strings.HasPrefix(text, `\hyphenation`):
			section, text = "hyphenation", strings.TrimPrefix(text, `\hyphenation`)
			continue
		case text[0] == '{' || text[0] == '}':
			text = text[1:]
			continue
		case strings.HasPrefix(text, `\endinput`):
			return nil
		case strings.HasPrefix(text, `\message{`):
			// A note TeX prints when it reads the file (hyph-utf8's
			// German patterns have one): skip its balanced braces.
			depth, i := 0, len(`\message`)
			for ; i < len(text); i++ {
				if text[i] == '{' {
					depth++
				} else if text[i] == '}' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			if i >= len(text) {
				return errors.New("typeset: hyphenation patterns: \\message{ without its closing brace")
			}
			text = text[i+1:]
			continue
		case text[0] == '\\':
			return fmt.Errorf("typeset: hyphenation patterns: unsupported command %q", firstField(text))
		}
		end := strings.IndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '{' || r == '}' })
		if end < 0 {
			end = len(text)
		}
		tok := text[:end]
		text = text[end:]
		var err error
		if section == "patterns" {
			err = h.addPattern(tok)
		} else {
			err = h.addException(tok)
		}
		if err != nil {
			return fmt.Errorf("typeset: hyphenation patterns: %w", err)
		}
	}
	return nil
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// addPattern adds a pattern such as ".hy3ph": letters with digits. A
// hyphen is a letter here (hyph-utf8's Russian patterns keep breaks
// away from a compound's own hyphen: "8-7").
func (h *Hyphenator) addPattern(p string) error {
	var letters strings.Builder
	vals := make([]uint8, 1, len(p)+1)
	for _, r := range p {
		if r >= '0' && r <= '9' {
			vals[len(vals)-1] = uint8(r - '0')
			continue
		}
		if r == utf8.RuneError || unicode.IsSpace(r) || (r != '.' && r != '\'' && r != '’' && r != '-' && !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)) {
			return fmt.Errorf("bad pattern %q", p)
		}
		letters.WriteRune(unicode.ToLower(r))
		vals = append(vals, 0)
	}
	key := letters.String()
	if key == "" {
		return fmt.Errorf("bad pattern %q", p)
	}
	// The same letters may come twice (libhyphen files repeat some); keep
	// the larger value at each position.
	if old, ok := h.patterns[key]; ok && len(old) == len(vals) {
		for i := range vals {
			vals[i] = max(vals[i], old[i])
		}
	}
	h.patterns[key] = vals
	h.maxLen = max(h.maxLen, len(key))
	return nil
}

// addException adds a word hyphenated by hand, such as "ta-ble".
func (h *Hyphenator) addException(w string) error {
	var letters strings.Builder
	var pos []int
	n := 0
	for _, r := range w {
		if r == '-' {
			if n > 0 {
				pos = append(pos, n)
			}
			continue
		}
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			return fmt.Errorf("bad hyphenation exception %q", w)
		}
		letters.WriteRune(unicode.ToLower(r))
		n++
	}
	if n == 0 {
		return fmt.Errorf("bad hyphenation exception %q", w)
	}
	h.exceptions[letters.String()] = pos
	return nil
}

// Hyphenate returns where word may be hyphenated, as byte offsets into
// word in increasing order: a hyphen may go between word[:i] and word[i:].
// It keeps LeftMin letters before the first break and RightMin after the
// last. Case is ignored; the caller decides which words to hyphenate
// (Break leaves alone capitalised words, words with digits, URLs and a
// paragraph's last word).
func (h *Hyphenator) Hyphenate(word string) []int {
	var sc hyphScratch
	out := h.hyphenate(word, &sc)
	if len(out) == 0 {
		return nil
	}
	return append([]int(nil), out...)
}

// hyphScratch holds Hyphenate's buffers, reused from word to word by
// Break.
type hyphScratch struct {
	low  []byte  // ".word." in lower case
	offs []int   // byte offset in word of each letter
	bnd  []int   // byte offset in low of each rune, and its end
	vals []uint8 // the pattern values between the runes of low
	out  []int
}

// hyphenate is Hyphenate with buffers; the result lives in sc.
func (h *Hyphenator) hyphenate(word string, sc *hyphScratch) []int {
	if h == nil || (len(h.patterns) == 0 && len(h.exceptions) == 0) || word == "" {
		return nil
	}
	// Positions in runes, then back to bytes at the end.
	sc.offs, sc.low, sc.out = sc.offs[:0], append(sc.low[:0], '.'), sc.out[:0]
	for i, r := range word {
		sc.offs = append(sc.offs, i)
		sc.low = utf8.AppendRune(sc.low, unicode.ToLower(r))
	}
	sc.low = append(sc.low, '.')
	offs, low := sc.offs, sc.low
	n := len(offs) // letters
	leftMin, rightMin := max(h.LeftMin, 1), max(h.RightMin, 1)
	if n < leftMin+rightMin {
		return nil
	}
	if pos, ok := h.exceptions[string(low[1:len(low)-1])]; ok {
		for _, p := range pos {
			if p >= leftMin && p <= n-rightMin && !isMark(word[offs[p]:]) {
				sc.out = append(sc.out, offs[p])
			}
		}
		return sc.out
	}
	sc.bnd = sc.bnd[:0]
	for i := 0; i < len(low); {
		sc.bnd = append(sc.bnd, i)
		_, size := utf8.DecodeRune(low[i:])
		i += size
	}
	sc.bnd = append(sc.bnd, len(low))
	bnd := sc.bnd
	sc.vals = sc.vals[:0]
	for range bnd {
		sc.vals = append(sc.vals, 0)
	}
	vals := sc.vals
	// vals[k] is the value between rune k-1 and rune k of low.
	runes := len(bnd) - 1
	for i := 0; i < runes; i++ {
		for j := i + 1; j <= runes && bnd[j]-bnd[i] <= h.maxLen; j++ {
			pv, ok := h.patterns[string(low[bnd[i]:bnd[j]])]
			if !ok {
				continue
			}
			for k, v := range pv {
				if v > vals[i+k] {
					vals[i+k] = v
				}
			}
		}
	}
	// A break before letter p of word (p letters before it) is vals[p+1]
	// in low, which starts with '.'.
	for p := leftMin; p <= n-rightMin; p++ {
		if vals[p+1]%2 == 1 && !isMark(word[offs[p]:]) {
			sc.out = append(sc.out, offs[p])
		}
	}
	return sc.out
}

// isMark reports whether s starts with a combining mark, which must stay
// with the letter before it.
func isMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)
}
