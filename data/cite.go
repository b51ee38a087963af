package data

import "strings"

// Citation syntax. In Markdown text (the briefing summary, event summaries
// and section bodies) a citation is "[@" up to the next "]" on the same
// line, holding one or more ids, each prefixed by @ and separated by
// semicolons: [@washington-round-1] or [@state-2023-05-04;
// @washington-round-1] (spaces around the semicolons are allowed). Each id
// names an event or a source. Brackets inside code spans (`…`) and fenced
// code blocks are not citations, nor is a bracket escaped with a
// backslash. Load reports "[@" that does not open a well-formed citation
// (including one whose "]" is on a later line) as a malformed citation.

// ParseCitation parses the text inside a citation's brackets, such as
// "@a" or "@a; @b", and returns its ids in order (at least one). It
// reports false when s is not a citation.
func ParseCitation(s string) ([]ID, bool) {
	parts := strings.Split(s, ";")
	ids := make([]ID, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) < 2 || p[0] != '@' || !validID(p[1:]) {
			return nil, false
		}
		ids = append(ids, ID(p[1:]))
	}
	return ids, true
}

// Citations returns the ids cited in Markdown text, in order of appearance,
// duplicates kept. Malformed citations are skipped.
func Citations(markdown string) []ID {
	var ids []ID
	for _, c := range scanCitations(markdown) {
		ids = append(ids, c.ids...)
	}
	return ids
}

// citation is one bracket that starts with @: its ids when it parses,
// its text, and its byte offset in the Markdown.
type citation struct {
	ids      []ID
	ok       bool
	text     string // including the brackets
	offset   int
	unclosed bool // no "]" on the line: text runs to the end of the line
}

// scanCitations finds the citations in Markdown text, skipping code spans
// and fenced code blocks.
func scanCitations(md string) []citation {
	var out []citation
	lineStart := true
	for i := 0; i < len(md); {
		c := md[i]
		if lineStart {
			if end, ok := fencedBlock(md, i); ok {
				i = end
				continue
			}
		}
		lineStart = c == '\n'
		switch c {
		case '\\':
			if i+1 < len(md) && md[i+1] == '\n' {
				lineStart = true // a hard line break
			}
			i += 2
			continue
		case '`':
			n := run(md, i, '`')
			if end := closingRun(md, i+n, n); end >= 0 {
				i = end + n
				continue
			}
			i += n
			continue
		case '[':
			if i+1 < len(md) && md[i+1] == '@' {
				// A citation is "[@" up to the next "]" on the same line.
				j := strings.IndexAny(md[i+1:], "[]\n")
				if j >= 0 && md[i+1+j] == ']' {
					ids, ok := ParseCitation(md[i+1 : i+1+j])
					out = append(out, citation{ids: ids, ok: ok, text: md[i : i+2+j], offset: i})
					i += 2 + j
					continue
				}
				eol := strings.IndexByte(md[i:], '\n')
				if eol < 0 {
					eol = len(md) - i
				}
				out = append(out, citation{text: md[i : i+eol], offset: i, unclosed: true})
				i += 2
				continue
			}
		}
		i++
	}
	return out
}

// run returns how many bytes equal to c start at i.
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingRun returns where a run of exactly n backticks starts at or after
// i, or -1.
func closingRun(s string, i, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		k := run(s, i+j, '`')
		if k == n {
			return i + j
		}
		i += j + k
	}
	return -1
}

// fencedBlock reports whether a fenced code block (``` or ~~~, indented by
// at most three spaces) opens at line start i, and returns the offset just
// after its closing fence line (or the end of the text).
func fencedBlock(s string, i int) (int, bool) {
	j := i
	for j < len(s) && j-i < 3 && s[j] == ' ' {
		j++
	}
	if j >= len(s) || (s[j] != '`' && s[j] != '~') {
		return 0, false
	}
	fc := s[j]
	n := run(s, j, fc)
	if n < 3 {
		return 0, false
	}
	eol := strings.IndexByte(s[j:], '\n')
	if eol < 0 {
		return len(s), true
	}
	if fc == '`' && strings.IndexByte(s[j+n:j+eol], '`') >= 0 {
		return 0, false // an info string may not hold backticks: a code span
	}
	k := j + eol + 1
	for k < len(s) {
		l := k
		for l < len(s) && l-k < 3 && s[l] == ' ' {
			l++
		}
		end := strings.IndexByte(s[k:], '\n')
		next := len(s)
		if end >= 0 {
			next = k + end + 1
		}
		if m := run(s, l, fc); m >= n && strings.TrimSpace(s[l+m:next]) == "" {
			return next, true
		}
		k = next
	}
	return len(s), true
}
