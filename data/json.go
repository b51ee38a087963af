package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/briefing-pdf/briefing/internal/diag"
	"io"
	"sort"
	"strings"
)

// How a JSON data file is read. A JSON data file has the shape of a TOML
// data file (docs/schema/data.schema.json describes both): an object with
// "briefing", "events", "actors"… Dates are strings like "2023-05-01",
// JSON having no dates. The file is read token by token into the generic
// values the TOML library would give, with a position tree that places
// every key and array element, and then decoded by the TOML path's
// decoder: the same checks, the same messages.

// decodeJSON parses and decodes one JSON data file.
func decodeJSON(name string, src []byte) (*part, Errors) {
	j := &jsonReader{src: src, dec: json.NewDecoder(bytes.NewReader(src))}
	j.dec.UseNumber()
	root := &pnode{at: lc{1, 1}}
	v, err := j.value(root, 0)
	if err == nil {
		if _, e := j.dec.Token(); e != io.EOF {
			err = j.errAt(j.next(), "text after the end of the top-level object")
		}
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
			return nil, Errors{e}
		}
		return nil, Errors{{File: name, Msg: err.Error()}}
	}
	raw, ok := v.(map[string]any)
	if !ok {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("got %s; want an object like {\"briefing\": {…}, \"events\": […]}", describe(v))}}
	}
	// "$schema" names the schema for editors, as JSON files do.
	if _, ok := raw["$schema"].(string); ok {
		delete(raw, "$schema")
	}
	composeText(raw)
	d := &decoder{file: name, src: string(src), jsonDates: true}
	return d.decodeAll(raw, root), d.errs
}

type jsonReader struct {
	src        []byte
	dec        *json.Decoder
	lineStarts []int
}

// next is the offset where the next token starts.
func (j *jsonReader) next() int {
	i := int(j.dec.InputOffset())
	for i < len(j.src) {
		switch j.src[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

func (j *jsonReader) pos(off int) lc {
	if j.lineStarts == nil {
		j.lineStarts = []int{0}
		for i, c := range j.src {
			if c == '\n' {
				j.lineStarts = append(j.lineStarts, i+1)
			}
		}
	}
	i := sort.Search(len(j.lineStarts), func(i int) bool { return j.lineStarts[i] > off }) - 1
	return lc{i + 1, off - j.lineStarts[i] + 1}
}

func (j *jsonReader) errAt(off int, format string, args ...any) *Error {
	at := j.pos(off)
	return &Error{Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...)}
}

// value reads one value into generic form, filling n's children.
func (j *jsonReader) value(n *pnode, depth int) (any, error) {
	off := j.next()
	tok, err := j.dec.Token()
	if err != nil {
		return nil, j.syntax(off, err)
	}
	switch tok := tok.(type) {
	case json.Delim:
		if depth >= maxNesting {
			return nil, j.errAt(off, "arrays and objects nest more than %d deep", maxNesting)
		}
		if tok == '[' {
			arr := []any{}
			for j.dec.More() {
				e := &pnode{at: j.pos(j.next())}
				n.elems = append(n.elems, e)
				v, err := j.value(e, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := j.dec.Token()
			return arr, j.syntax(j.next(), err)
		}
		m := map[string]any{}
		for j.dec.More() {
			koff := j.next()
			kt, err := j.dec.Token()
			if err != nil {
				return nil, j.syntax(koff, err)
			}
			k, _ := kt.(string)
			if _, dup := m[k]; dup {
				return nil, j.errAt(koff, "key %s appears twice in this object", diag.Quote(k))
			}
			c := n.child(k, j.pos(koff))
			v, err := j.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			m[k] = v
		}
		_, err := j.dec.Token()
		return m, j.syntax(j.next(), err)
	case json.Number:
		if i, err := tok.Int64(); err == nil && !strings.ContainsAny(tok.String(), ".eE") {
			return i, nil
		}
		f, err := tok.Float64()
		if err != nil {
			return nil, j.errAt(off, "number %s is out of range", tok)
		}
		return f, nil
	case nil:
		return nil, j.errAt(off, "null is not a value of the data format; leave the key out")
	}
	return tok, nil // a string or a boolean
}

// syntax places a JSON syntax error.
func (j *jsonReader) syntax(off int, err error) error {
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return j.errAt(int(se.Offset)-1, "%s", strings.TrimPrefix(se.Error(), "json: "))
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return j.errAt(len(j.src), "unexpected end of file")
	}
	return j.errAt(off, "%s", err.Error())
}
