package data

import (
	"strconv"
	"strings"
	"time"
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
			curPos = n
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
			k = p.basicString()
		case c == '\'':
			k = p.literalString()
		case isBare(c):
			st := p.i
			for p.i < len(p.s) && isBare(p.s[p.i]) {
				p.i++
			}
			k = p.s[st:p.i]
		default:
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

// value reads one value, filling n's children for arrays and inline
// tables; it returns the value and what fastParse must know of it.
func (p *fastParser) value(n *pnode) (any, *ftable) {
	switch c := p.peek(); c {
	case '"':
		if strings.HasPrefix(p.s[p.i:], `"""`) {
			return p.multiline('"'), valueTable
		}
		return p.basicString(), valueTable
	case '\'':
		if strings.HasPrefix(p.s[p.i:], `'''`) {
			return p.multiline('\''), valueTable
		}
		return p.literalString(), valueTable
	case '[':
		p.deeper()
		p.i++
		arr := []any{}
		for {
			p.skipBlank()
			if p.peek() == ']' {
				p.i++
				break
			}
			e := &pnode{at: p.here()}
			n.elems = append(n.elems, e)
			v, _ := p.value(e)
			arr = append(arr, v)
			p.skipBlank()
			if p.peek() == ',' {
				p.i++
				continue
			}
			if p.peek() != ']' {
				panic(fail{})
			}
		}
		p.depth--
		return arr, valueTable
	case '{':
		p.deeper()
		p.i++
		t := &ftable{kind: kInline, m: map[string]any{}}
		p.skipSpace()
		if p.peek() == '}' {
			p.i++
		} else {
			for {
				p.skipSpace()
				p.keyValue(t, n, p.here())
				p.skipSpace()
				if p.peek() == ',' {
					p.i++
					continue
				}
				if p.peek() != '}' {
					panic(fail{})
				}
				p.i++
				break
			}
		}
		p.depth--
		// Tables made by dotted keys inside it are closed with it.
		closeInline(t)
		return t.m, t
	}
	st := p.i
	for p.i < len(p.s) && !strings.ContainsRune(" \t\n,]}#", rune(p.s[p.i])) {
		p.i++
	}
	return scalar(p.s[st:p.i]), valueTable
}

func closeInline(t *ftable) {
	t.kind = kInline
	for _, k := range t.kids {
		if k != nil && k.kind == kDotted {
			closeInline(k)
		}
	}
}

func (p *fastParser) deeper() {
	p.depth++
	if p.depth > maxNesting {
		panic(fail{})
	}
}

// scalar reads a boolean, a local date, a decimal integer or a plain
// float.
func scalar(tok string) any {
	switch tok {
	case "true":
		return true
	case "false":
		return false
	}
	if len(tok) == 10 && tok[4] == '-' && tok[7] == '-' {
		y, ok1 := digits(tok[0:4])
		m, ok2 := digits(tok[5:7])
		d, ok3 := digits(tok[8:10])
		if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 {
			panic(fail{})
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, dateLocal)
		if t.Day() != d {
			panic(fail{}) // 2023-02-30
		}
		return t
	}
	// [+-]? (0 | [1-9][0-9]*) ( . [0-9]+ )? ( [eE] [+-]? [0-9]+ )?
	i := 0
	if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
		i++
	}
	intStart := i
	for i < len(tok) && '0' <= tok[i] && tok[i] <= '9' {
		i++
	}
	if i == intStart || (tok[intStart] == '0' && i-intStart > 1) {
		panic(fail{})
	}
	isFloat := false
	if i < len(tok) && tok[i] == '.' {
		i++
		fs := i
		for i < len(tok) && '0' <= tok[i] && tok[i] <= '9' {
			i++
		}
		if i == fs {
			panic(fail{})
		}
		isFloat = true
	}
	if i < len(tok) && (tok[i] == 'e' || tok[i] == 'E') {
		i++
		if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
			i++
		}
		es := i
		for i < len(tok) && '0' <= tok[i] && tok[i] <= '9' {
			i++
		}
		if i == es {
			panic(fail{})
		}
		isFloat = true
	}
	if i != len(tok) {
		panic(fail{})
	}
	if isFloat {
		f, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			panic(fail{})
		}
		return f
	}
	v, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		panic(fail{})
	}
	return v
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// basicString reads "…" on one line.
func (p *fastParser) basicString() string {
	p.i++
	st := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			s := p.s[st:p.i]
			p.i++
			return s
		case c == '\\':
			return p.escapedString(st, '"', false)
		case (c < 0x20 && c != '\t') || c == 0x7f:
			panic(fail{})
		}
		p.i++
	}
	panic(fail{})
}

// escapedString goes on reading a basic string (one line, or multi-line
// when multi) from st, where p.i is at its first backslash.
func (p *fastParser) escapedString(st int, q byte, multi bool) string {
	var b strings.Builder
	b.WriteString(p.s[st:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q && !multi:
			p.i++
			return b.String()
		case c == q && strings.HasPrefix(p.s[p.i:], `"""`):
			// Up to two more quotes belong to the content.
			extra := 0
			for p.i+3+extra < len(p.s) && p.s[p.i+3+extra] == '"' && extra < 2 {
				extra++
			}
			if p.i+3+extra < len(p.s) && p.s[p.i+3+extra] == '"' {
				panic(fail{})
			}
			b.WriteString(p.s[p.i : p.i+extra])
			p.i += 3 + extra
			return b.String()
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				panic(fail{})
			}
			e := p.s[p.i]
			switch e {
			case 'b':
				b.WriteByte('\b')
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case '"':
				b.WriteByte('"')
			case '\\':
				b.WriteByte('\\')
			case 'u', 'U':
				w := 4
				if e == 'U' {
					w = 8
				}
				if p.i+w >= len(p.s) {
					panic(fail{})
				}
				v, err := strconv.ParseUint(p.s[p.i+1:p.i+1+w], 16, 32)
				if err != nil || !utf8.ValidRune(rune(v)) {
					panic(fail{})
				}
				b.WriteRune(rune(v))
				p.i += w
			case ' ', '\t', '\n':
				if !multi {
					panic(fail{})
				}
				// A line-ending backslash: the line break and the
				// white space after it go.
				j := p.i
				for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t') {
					j++
				}
				if j >= len(p.s) || p.s[j] != '\n' {
					panic(fail{})
				}
				for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t' || p.s[j] == '\n') {
					if p.s[j] == '\n' {
						p.i = j + 1
						p.newline()
					}
					j++
				}
				p.i = j
				continue
			default:
				panic(fail{})
			}
			p.i++
		case c == '\n' && multi:
			b.WriteByte('\n')
			p.i++
			p.newline()
		case (c < 0x20 && c != '\t') || c == 0x7f:
			panic(fail{})
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	panic(fail{})
}

// literalString reads '…' on one line.
func (p *fastParser) literalString() string {
	p.i++
	st := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\'':
			s := p.s[st:p.i]
			p.i++
			return s
		case (c < 0x20 && c != '\t') || c == 0x7f:
			panic(fail{})
		}
		p.i++
	}
	panic(fail{})
}

// multiline reads a string opened by three quote characters q.
func (p *fastParser) multiline(q byte) string {
	p.i += 3
	if p.peek() == '\n' { // a line break right after the quotes goes
		p.i++
		p.newline()
	}
	st := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q && strings.HasPrefix(p.s[p.i:], string([]byte{q, q, q})):
			extra := 0
			for p.i+3+extra < len(p.s) && p.s[p.i+3+extra] == q && extra < 2 {
				extra++
			}
			if p.i+3+extra < len(p.s) && p.s[p.i+3+extra] == q {
				panic(fail{})
			}
			s := p.s[st : p.i+extra]
			p.i += 3 + extra
			return s
		case c == '\\' && q == '"':
			return p.escapedString(st, q, true)
		case c == '\n':
			p.i++
			p.newline()
			continue
		case (c < 0x20 && c != '\t') || c == 0x7f:
			panic(fail{})
		}
		p.i++
	}
	panic(fail{})
}
