package data

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// value reads one value, filling n's children for arrays and inline
// tables; it returns the value and what fastParse must know of it.
func (p *fastParser) value(n *pnode) (any, *ftable) {
	switch c := p.peek(); c {
	case '"':
		if strings.HasPrefix(p.s[p.i:], `"""`) {
			return p.multiline('"'), valueTable
		}
		return p.oneLine('"'), valueTable
	case '\'':
		if strings.HasPrefix(p.s[p.i:], `'''`) {
			return p.multiline('\''), valueTable
		}
		return p.oneLine('\''), valueTable
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

// oneLine reads a one-line string opened by quote character q: a basic
// string ("…", with escapes) or a literal one ('…').
func (p *fastParser) oneLine(q byte) string {
	p.i++
	st := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			s := p.s[st:p.i]
			p.i++
			return s
		case c == '\\' && q == '"':
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
