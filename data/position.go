package data

import (
	"errors"
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
			line, col := parseErrorPos(text, pe)
			return nil, Positions{}, &Error{File: file, Line: line, Col: col, Msg: pe.Message}
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

// parseErrorPos is where the TOML library's parse error lies, as a 1-based
// line and byte column inside the text. The library's own line is off at
// the end of the input (an escape cut short by the end of the file is
// reported on line 0 of a one-line file): the byte offset it gives is
// used instead, clamped to the text.
func parseErrorPos(text string, pe toml.ParseError) (line, col int) {
	start := min(max(pe.Position.Start, 0), len(text))
	if start == 0 && pe.Position.Line >= 1 && pe.Position.Col >= 1 {
		return pe.Position.Line, pe.Position.Col
	}
	line = 1 + strings.Count(text[:start], "\n")
	col = start - (strings.LastIndexByte(text[:start], '\n') + 1) + 1
	return line, col
}
