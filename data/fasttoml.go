package data

import (
	"strings"
	"unicode/utf8"
)

// A fast path for loading TOML data files. Profiling the loader on 10,000
// events showed about half the time in the TOML library's lexer (which
// hands each token over a channel) and in the second pass that finds
// where every key is. fastParse does both in one pass over the common
// shape of a data file: table and array-of-table headers, plain and
// dotted keys, strings of the four kinds, decimal integers, plain floats,
// booleans, local dates, arrays and one-line inline tables. It builds the
// same generic values as the library and the same position tree as
// scanPositions.
//
// It accepts only what is certainly valid TOML: on anything else (a
// syntax error, a redefined key or table, a date-time, a hexadecimal
// number, a carriage return, an escape it does not know…) it gives up
// and the loader takes the library's path, which reports the problem with
// the library's own message and position. So errors are unchanged; only
// valid files of the usual shape go faster. TestFastTOMLAgrees and
// FuzzFastTOML hold the two paths to the same result.
//
// checkNesting's caps hold here too, but one: nesting deeper than
// maxNesting and a key of more than maxKeyParts parts send the file to
// the library's path, which reports them; the cap on the key parts of a
// whole file (maxFileKeyParts) does not apply, since it bounds the
// library's memory (about a kilobyte a key part), while this path keeps
// little beyond the values themselves. So a file of 50,000 events of the
// usual shape loads in one piece under -max-input.

// ftable is what fastParse knows of a table: how it was made, which
// decides what may still be added to it.
type ftable struct {
	kind  uint8
	m     map[string]any
	kids  map[string]*ftable // the keys that hold tables; made when needed
	elems []*ftable          // for kArrayOfTables
	list  []map[string]any   // the same, as the library gives them
}

const (
	kImplicit      uint8 = iota // made as a step of a header's path: [a] in [a.b]
	kHeader                     // defined by its own [header]
	kDotted                     // made by a dotted key: a in a.b = 1
	kInline                     // an inline table: closed
	kArrayOfTables              // [[a]]
	kValue                      // any other value: closed
)

var valueTable = &ftable{kind: kValue}

// useFastTOML is false only in benchmarks that measure the library's path.
var useFastTOML = true

// kid returns what t knows of key k: nil when k is not set, valueTable
// for a value that is not a table.
func (t *ftable) kid(k string) *ftable {
	if kid := t.kids[k]; kid != nil {
		return kid
	}
	if _, ok := t.m[k]; ok {
		return valueTable
	}
	return nil
}

func (t *ftable) setKid(k string, kid *ftable) {
	if t.kids == nil {
		t.kids = map[string]*ftable{}
	}
	t.kids[k] = kid
}

type fastParser struct {
	s         string
	i         int
	line      int
	lineStart int
	depth     int
	path      []string // keyPath's buffer
}

// fail is what every parsing step returns when it gives up.
type fail struct{}

func (p *fastParser) here() lc { return lc{p.line, p.i - p.lineStart + 1} }

// fastParse parses src into the library's generic values and the
// position tree, or reports false to say that the library must do it.
func fastParse(src string) (raw map[string]any, root *pnode, ok bool) {
	if !useFastTOML || strings.IndexByte(src, '\r') >= 0 || strings.HasPrefix(src, "\ufeff") || !utf8.ValidString(src) {
		return nil, nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, isFail := r.(fail); !isFail {
				panic(r)
			}
			raw, root, ok = nil, nil, false
		}
	}()
	p := &fastParser{s: src, line: 1}
	top := &ftable{kind: kHeader, m: map[string]any{}}
	root = &pnode{at: lc{1, 1}}
	cur, curPos := top, root
	for {
		p.skipBlank()
		if p.i >= len(p.s) {
			return top.m, root, true
		}
		start := p.here()
		if p.s[p.i] == '[' {
			p.i++
			array := p.i < len(p.s) && p.s[p.i] == '['
			if array {
				p.i++
			}
			path := p.keyPath()
			if p.peek() != ']' {
				panic(fail{})
			}
			p.i++
			if array {
				if p.peek() != ']' {
					panic(fail{})
				}
				p.i++
			}
			p.endOfLine()
			cur = p.header(top, path, array)
			// The positions, exactly as scanPositions places them.
			curPos = root.header(path, array, start)
			continue
		}
		p.keyValue(cur, curPos, start)
		p.endOfLine()
	}
}

func (p *fastParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *fastParser) newline() {
	p.line++
	p.lineStart = p.i
}

// skipBlank skips spaces, line breaks and comments.
func (p *fastParser) skipBlank() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t':
			p.i++
		case '\n':
			p.i++
			p.newline()
		case '#':
			p.comment()
		default:
			return
		}
	}
}

// comment skips a comment up to its line break, which it leaves.
func (p *fastParser) comment() {
	end := strings.IndexByte(p.s[p.i:], '\n')
	if end < 0 {
		end = len(p.s) - p.i
	}
	for _, c := range []byte(p.s[p.i : p.i+end]) {
		if (c < 0x20 && c != '\t') || c == 0x7f {
			panic(fail{})
		}
	}
	p.i += end
}

func (p *fastParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

// endOfLine requires the rest of the line to be blank or a comment.
func (p *fastParser) endOfLine() {
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == '#' {
		p.comment()
	}
	if p.i < len(p.s) {
		if p.s[p.i] != '\n' {
			panic(fail{})
		}
		p.i++
		p.newline()
	}
}

// keyPath reads a dotted key and the spaces after it.
func (p *fastParser) keyPath() []string {
	path := p.path[:0]
	defer func() { p.path = path }()
	for {
		p.skipSpace()
		var k string
		switch c := p.peek(); {
		case c == '"':
			k = p.oneLine('"')
		case c == '\'':
			k = p.oneLine('\'')
		case isBare(c):
			st := p.i
			for p.i < len(p.s) && isBare(p.s[p.i]) {
				p.i++
			}
			k = p.s[st:p.i]
		default:
			panic(fail{})
		}
		if k == "" {
			// An empty key is never a field of the data; the library
			// gives an array of inline tables holding one a type of
			// its own ([]map[string]any, not []any): its path decides.
			panic(fail{})
		}
		path = append(path, k)
		if len(path) > maxKeyParts {
			panic(fail{}) // the library's path reports the cap (checkNesting)
		}
		p.skipSpace()
		if p.peek() != '.' {
			return path
		}
		p.i++
	}
}

// header opens the table a [header] or [[header]] names.
func (p *fastParser) header(top *ftable, path []string, array bool) *ftable {
	t := top
	for j, k := range path {
		kid := t.kid(k)
		exists := kid != nil
		last := j == len(path)-1
		switch {
		case !last && !exists:
			kid = &ftable{kind: kImplicit, m: map[string]any{}}
			t.setKid(k, kid)
			t.m[k] = kid.m
		case !last && kid != nil && kid.kind == kArrayOfTables:
			kid = kid.elems[len(kid.elems)-1]
		case !last && kid != nil && (kid.kind == kImplicit || kid.kind == kHeader):
		case !last:
			panic(fail{})
		case array && !exists:
			kid = &ftable{kind: kArrayOfTables}
			t.setKid(k, kid)
			fallthrough
		case array && kid != nil && kid.kind == kArrayOfTables:
			e := &ftable{kind: kHeader, m: make(map[string]any, 16)}
			kid.elems = append(kid.elems, e)
			kid.list = append(kid.list, e.m)
			t.m[k] = kid.list
			return e
		case array:
			panic(fail{})
		case !exists:
			kid = &ftable{kind: kHeader, m: map[string]any{}}
			t.setKid(k, kid)
			t.m[k] = kid.m
		case kid != nil && kid.kind == kImplicit:
			kid.kind = kHeader
		default:
			panic(fail{})
		}
		t = kid
	}
	return t
}

// keyValue reads key = value into t, whose positions are n.
func (p *fastParser) keyValue(t *ftable, n *pnode, start lc) {
	path := p.keyPath()
	if p.peek() != '=' {
		panic(fail{})
	}
	p.i++
	p.skipSpace()
	for j, k := range path {
		n = n.child(k, start)
		if j == len(path)-1 {
			n.at = start
			break
		}
		kid := t.kid(k)
		switch {
		case kid == nil:
			kid = &ftable{kind: kDotted, m: map[string]any{}}
			t.setKid(k, kid)
			t.m[k] = kid.m
		case kid.kind == kDotted:
		default:
			panic(fail{})
		}
		t = kid
	}
	k := path[len(path)-1]
	if _, exists := t.m[k]; exists {
		panic(fail{})
	}
	v, vt := p.value(n)
	t.m[k] = v
	if vt != valueTable {
		t.setKid(k, vt)
	}
}
