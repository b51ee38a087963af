package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML library reports where syntax errors are, but not where each key
// and entry is: inside an array of tables it positions a type error by the
// last occurrence of the key path in the file. So the loader scans the
// file once more itself and builds a tree of positions that mirrors the
// document: every table, array element and key with the line and column
// where it starts. The scan runs only on input the library has accepted
// (apart from the nesting check that runs first), so it can be lenient: on
// anything it does not understand it stops, and lookups fall back to the
// nearest enclosing position.

// maxNesting bounds how deeply arrays and inline tables may nest, so that
// no recursive parser (the library's or ours) can run out of stack.
const maxNesting = 64

// lc is a 1-based line and byte column.
type lc struct{ line, col int }

// pnode is the position of a table, array or value, with its children.
type pnode struct {
	at    lc
	keys  map[string]*pnode
	elems []*pnode
}

// key returns the child for key k, or nil. It is nil-safe.
func (n *pnode) key(k string) *pnode {
	if n == nil || n.keys == nil {
		return nil
	}
	return n.keys[k]
}

// elem returns the i-th array element, or nil. It is nil-safe.
func (n *pnode) elem(i int) *pnode {
	if n == nil || i < 0 || i >= len(n.elems) {
		return nil
	}
	return n.elems[i]
}

// pos returns n's position, or def when n is nil or unpositioned.
func (n *pnode) pos(def lc) lc {
	if n == nil || n.at.line == 0 {
		return def
	}
	return n.at
}

func (n *pnode) child(k string, at lc) *pnode {
	if n.keys == nil {
		n.keys = make(map[string]*pnode, 16) // an entry's keys, without growing
	}
	c := n.keys[k]
	if c == nil {
		c = &pnode{at: at}
		n.keys[k] = c
	}
	return c
}

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
			n := root
			for j, k := range path {
				c := n.child(k, start)
				if j == len(path)-1 {
					if array {
						e := &pnode{at: start}
						c.elems = append(c.elems, e)
						n = e
					} else {
						c.at = start
						n = c
					}
					break
				}
				if len(c.elems) > 0 {
					c = c.elems[len(c.elems)-1]
				}
				n = c
			}
			cur = n
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
			raw, ok := s.basicString()
			if !ok {
				return nil, false
			}
			u, err := strconv.Unquote(`"` + raw + `"`)
			if err != nil {
				u = raw
			}
			k = u
		case c == '\'':
			raw, ok := s.literalString()
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

// basicString reads "…" and returns its raw (still escaped) content.
func (s *scanner) basicString() (string, bool) {
	s.next()
	st := s.i
	for !s.eof() {
		switch s.peek() {
		case '\\':
			s.next()
		case '"':
			raw := s.src[st:s.i]
			s.next()
			return raw, true
		case '\n':
			return "", false
		}
		s.next()
	}
	return "", false
}

// literalString reads '…' and returns its content.
func (s *scanner) literalString() (string, bool) {
	s.next()
	st := s.i
	for !s.eof() {
		switch s.peek() {
		case '\'':
			raw := s.src[st:s.i]
			s.next()
			return raw, true
		case '\n':
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
		var ok bool
		if c == '"' {
			_, ok = s.basicString()
		} else {
			_, ok = s.literalString()
		}
		return ok
	case '[':
		return s.nested(func() bool {
			s.next()
			for {
				s.skipBlank()
				switch s.peek() {
				case ']':
					s.next()
					return true
				case ',':
					s.next()
					continue
				case 0:
					return false
				}
				e := &pnode{at: s.here()}
				n.elems = append(n.elems, e)
				if !s.value(e) {
					return false
				}
			}
		})
	case '{':
		return s.nested(func() bool {
			s.next()
			for {
				s.skipBlank()
				switch s.peek() {
				case '}':
					s.next()
					return true
				case ',':
					s.next()
					continue
				case 0:
					return false
				}
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
				if !s.value(m) {
					return false
				}
			}
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

// maxKeyParts bounds the dotted parts of one key or table header
// ([a.b.c] and a.b.c = 1 have three), and maxFileKeyParts the parts of
// all keys and headers of one file. The TOML library's work and memory
// grow with every part and with the square of one key's parts (a header
// of 30,000 parts took 5 s and 1 GB to reject). The deepest key the
// formats know has four parts; a synthetic file of 10,000 events (6.8 MB)
// has about 110,000.
const (
	maxKeyParts     = 16
	maxFileKeyParts = 250_000
)

// CheckNesting reports, as an *Error naming file, where the TOML source
// src nests arrays and inline tables (or bracket pairs of any kind outside
// strings and comments) more than 64 deep, or has a key or table header
// of more than 16 dotted parts, or more than 250,000 key parts in all,
// and nil when it does not. Call it before decoding untrusted TOML with
// BurntSushi/toml, which slows to a crawl and exhausts memory on such
// input; Load and LoadBytes already do.
func CheckNesting(file string, src []byte) *Error {
	e := checkNesting(string(src))
	if e != nil {
		e.File = file
	}
	return e
}

// checkNesting reports the first place where arrays and inline tables
// outside strings and comments nest deeper than maxNesting, or where a
// key or table header has more than maxKeyParts dotted parts. The TOML
// library slows to a crawl and exhausts memory on such input, so the
// loader runs this before handing it the file. It follows TOML's grammar
// only as far as it must to tell keys from values: a key starts a line
// outside arrays, or follows { or a comma in an inline table, and ends at
// = (or at the ] of a header); it never rejects valid TOML below the caps.
func checkNesting(src string) *Error {
	var stack []byte // open arrays '[' and inline tables '{'
	expectKey := true
	inKey, header := false, false
	parts, total := 0, 0 // parts of this key, of all keys so far
	var keyAt lc
	line, col := 1, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		adv := func(to int) { // move i to to-1, keeping line and col
			for ; i < to-1 && i < len(src); i++ {
				if src[i] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
		}
		if expectKey && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#' && c != '}' && (c != '[' || len(stack) > 0) {
			// A key starts here (its first byte is handled below).
			expectKey, inKey, header, parts, keyAt = false, true, false, 1, lc{line, col}
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case c == '\n':
			if len(stack) == 0 {
				expectKey, inKey, header = true, false, false
			}
		case c == '#':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				return nil
			}
			adv(i + end) // the newline itself is seen next
		case expectKey && c == '}':
			expectKey = false
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case expectKey && c == '[' && len(stack) == 0:
			// A table header, [name] or [[name]].
			expectKey, inKey, header, parts, keyAt = false, true, true, 1, lc{line, col}
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
			if i+1 < len(src) && src[i+1] == '[' {
				adv(i + 2)
				col++
				continue
			}
		case inKey && c == '.':
			parts++
			if total++; total > maxFileKeyParts {
				return tooManyKeys(keyAt)
			}
			if parts > maxKeyParts {
				what := "key"
				if header {
					what = "table header"
				}
				return &Error{Line: keyAt.line, Col: keyAt.col, Msg: fmt.Sprintf("%s has more than %d dotted parts", what, maxKeyParts)}
			}
		case inKey && c == '=':
			inKey = false
		case inKey && header && c == ']':
			inKey, header = false, false
			if i+1 < len(src) && src[i+1] == ']' {
				adv(i + 2)
				col++
				continue
			}
		case !inKey && (c == '[' || c == '{'):
			stack = append(stack, c)
			if len(stack) > maxNesting {
				return &Error{Line: line, Col: col, Msg: fmt.Sprintf("arrays and inline tables nest more than %d deep", maxNesting)}
			}
			expectKey = c == '{'
		case !inKey && (c == ']' || c == '}'):
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case !inKey && c == ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] == '{'
		case c == '"' || c == '\'':
			q := string([]byte{c, c, c})
			if strings.HasPrefix(src[i:], q) {
				j := i + 3
				for {
					k := strings.Index(src[j:], q)
					if k < 0 {
						return nil
					}
					if c == '"' && escaped(src, j+k) {
						j += k + 1
						continue
					}
					j += k + 3
					break
				}
				for j < len(src) && src[j] == c {
					j++
				}
				adv(j)
				break
			}
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if c == '"' && src[j] == '\\' {
					j++
				}
				j++
			}
			adv(j + 1)
		}
		if i < len(src) && src[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return nil
}

func tooManyKeys(at lc) *Error {
	return &Error{Line: at.line, Col: at.col, Msg: fmt.Sprintf("more than %d keys and key parts in one file: split it into several data files", maxFileKeyParts)}
}

// escaped reports whether the byte at i is preceded by an odd number of
// backslashes.
func escaped(src string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// Positions is the position tree of a TOML document: where each table,
// key and array element is written. The loader keeps it for data files;
// it is exported for the program's other TOML file, the layout config, so
// that both place their problems alike. The zero Positions knows nothing.
type Positions struct{ n *pnode }

// ParseTOML checks the nesting of src (see CheckNesting), parses it into
// the TOML library's generic values (tables are map[string]any, arrays
// []any or []map[string]any, integers int64, floats float64, dates
// time.Time) and scans its positions. A problem comes back as the one
// *Error that stops it, naming file and, where known, the line and column.
func ParseTOML(file string, src []byte) (map[string]any, Positions, *Error) {
	text := string(src)
	if e := checkNesting(text); e != nil {
		e.File = file
		return nil, Positions{}, e
	}
	raw, err := parseTOML(text)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, Positions{}, &Error{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: pe.Message}
		}
		return nil, Positions{}, &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	root, perr := scanPositions(text)
	if perr != nil {
		perr.File = file
		return nil, Positions{}, perr
	}
	return raw, Positions{root}, nil
}

// Key returns the positions of key k of a table.
func (p Positions) Key(k string) Positions { return Positions{p.n.key(k)} }

// Elem returns the positions of the i-th element of an array.
func (p Positions) Elem(i int) Positions { return Positions{p.n.elem(i)} }

// At returns the line and column where p is written: for a key, the start
// of the key; for a table, its header's "["; for an array element, the
// element. It returns 0, 0 when that is unknown.
func (p Positions) At() (line, col int) {
	at := p.n.pos(lc{})
	return at.line, at.col
}

// Describe names the type and value of a generic TOML value for a
// message, as the loader does: `integer 5`, `string "x"`, `table`.
func Describe(v any) string { return describe(v) }
