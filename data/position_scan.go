package data

import (
	"fmt"
	"strconv"
	"strings"
)

// scanner walks TOML source keeping track of line and column.
type scanner struct {
	src       string
	i         int
	line, col int
	depth     int
	err       *Error // set when nesting is too deep
}

func (s *scanner) here() lc { return lc{s.line, s.col} }

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.i >= len(s.src) {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) next() {
	if s.i >= len(s.src) {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
	s.i++
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
	s.next()
}

// scanPositions builds the position tree of src. It returns an error only
// when arrays or inline tables nest deeper than maxNesting, at the place
// where they do.
func scanPositions(src string) (*pnode, *Error) {
	s := &scanner{src: src, line: 1, col: 1}
	root := &pnode{at: lc{1, 1}}
	cur := root
	for {
		s.skipBlank()
		if s.eof() {
			return root, nil
		}
		start := s.here()
		if s.peek() == '[' {
			s.next()
			array := s.peek() == '['
			if array {
				s.next()
			}
			path, ok := s.keyPath()
			if !ok || len(path) == 0 {
				return root, nil
			}
			cur = root.header(path, array, start)
			s.skipLine()
			continue
		}
		path, ok := s.keyPath()
		if !ok || len(path) == 0 || s.peek() != '=' {
			return root, nil
		}
		s.next()
		n := cur
		for j, k := range path {
			n = n.child(k, start)
			if j == len(path)-1 {
				n.at = start
			}
		}
		s.skipSpace()
		if !s.value(n) {
			if s.err != nil {
				return root, s.err
			}
			return root, nil
		}
	}
}

// keyPath reads a dotted key and the spaces after it.
func (s *scanner) keyPath() ([]string, bool) {
	var path []string
	for {
		s.skipSpace()
		var k string
		switch c := s.peek(); {
		case c == '"':
			raw, ok := s.quoted('"')
			if !ok {
				return nil, false
			}
			u, err := strconv.Unquote(`"` + raw + `"`)
			if err != nil {
				u = raw
			}
			k = u
		case c == '\'':
			raw, ok := s.quoted('\'')
			if !ok {
				return nil, false
			}
			k = raw
		case isBare(c):
			st := s.i
			for isBare(s.peek()) {
				s.next()
			}
			k = s.src[st:s.i]
		default:
			return nil, false
		}
		path = append(path, k)
		s.skipSpace()
		if s.peek() != '.' {
			return path, true
		}
		s.next()
	}
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line string opened by quote character q (a double
// quote: a basic string, whose backslash escapes it skips; a single
// quote: a literal one) and returns its content as written.
func (s *scanner) quoted(q byte) (string, bool) {
	s.next()
	st := s.i
	for !s.eof() {
		switch c := s.peek(); {
		case c == '\\' && q == '"':
			s.next()
		case c == q:
			raw := s.src[st:s.i]
			s.next()
			return raw, true
		case c == '\n':
			return "", false
		}
		s.next()
	}
	return "", false
}

// multiline skips a multi-line string opened by three quote characters q.
func (s *scanner) multiline(q byte) bool {
	s.next()
	s.next()
	s.next()
	for !s.eof() {
		c := s.peek()
		if c == '\\' && q == '"' {
			s.next()
			s.next()
			continue
		}
		if c == q && strings.HasPrefix(s.src[s.i:], string([]byte{q, q, q})) {
			// Up to two more quotes may belong to the content.
			for s.peek() == q {
				s.next()
			}
			return true
		}
		s.next()
	}
	return false
}

// value reads one value into n (arrays and inline tables fill its
// children). It reports false when it cannot go on.
func (s *scanner) value(n *pnode) bool {
	switch c := s.peek(); c {
	case '"', '\'':
		if strings.HasPrefix(s.src[s.i:], string([]byte{c, c, c})) {
			return s.multiline(c)
		}
		_, ok := s.quoted(c)
		return ok
	case '[':
		return s.items(']', func() bool {
			e := &pnode{at: s.here()}
			n.elems = append(n.elems, e)
			return s.value(e)
		})
	case '{':
		return s.items('}', func() bool {
			start := s.here()
			path, ok := s.keyPath()
			if !ok || len(path) == 0 || s.peek() != '=' {
				return false
			}
			s.next()
			m := n
			for _, k := range path {
				m = m.child(k, start)
			}
			m.at = start
			s.skipSpace()
			return s.value(m)
		})
	case 0:
		return false
	}
	// A number, boolean, date or time: up to a delimiter. A date may be
	// followed by a space and a time.
	st := s.i
	for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.peek())) {
		s.next()
	}
	if s.i == st {
		return false
	}
	if s.i-st == 10 && s.peek() == ' ' && s.i+1 < len(s.src) && '0' <= s.src[s.i+1] && s.src[s.i+1] <= '9' {
		s.next()
		for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.peek())) {
			s.next()
		}
	}
	return true
}

// nested runs f one level deeper, failing beyond maxNesting.
func (s *scanner) nested(f func() bool) bool {
	if s.depth >= maxNesting {
		s.err = &Error{Line: s.line, Col: s.col, Msg: fmt.Sprintf("arrays and inline tables nest more than %d deep", maxNesting)}
		return false
	}
	s.depth++
	ok := f()
	s.depth--
	return ok
}

// items reads an array or inline table, one level deeper: its opening
// bracket, then item for each element (at its first character) until
// close, commas and blank lines between.
func (s *scanner) items(close byte, item func() bool) bool {
	return s.nested(func() bool {
		s.next()
		for {
			s.skipBlank()
			switch s.peek() {
			case close:
				s.next()
				return true
			case ',':
				s.next()
				continue
			case 0:
				return false
			}
			if !item() {
				return false
			}
		}
	})
}

// header returns the position node of the table a [path] or [[path]]
// header at start opens below n (the root), creating the nodes on the way:
// an array of tables gets a new element; a key on the way that is an array
// of tables stands for its last element.
func (n *pnode) header(path []string, array bool, start lc) *pnode {
	for j, k := range path {
		c := n.child(k, start)
		if j == len(path)-1 {
			if array {
				e := &pnode{at: start}
				c.elems = append(c.elems, e)
				return e
			}
			c.at = start
			return c
		}
		if len(c.elems) > 0 {
			c = c.elems[len(c.elems)-1]
		}
		n = c
	}
	return n
}
