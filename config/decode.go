package config

import (
	"encoding"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
)

// How a config is decoded. The TOML library parses the file into its
// generic tree, and data.ParseTOML scans where each key is written; the
// decoder then walks the tree against Config's fields (by their toml tags)
// so that it reports every problem rather than the first, in the data
// files' words ("got integer 5; want a string"), each at its key, and
// unknown keys with a did-you-mean. A key the file does not name keeps the
// default's value.

// decodeInto decodes the config file src over c and checks the result.
func decodeInto(c *Config, file string, src []byte) error {
	raw, pos, perr := data.ParseTOML(file, src)
	if perr != nil {
		return data.Errors{perr}
	}
	d := &configDecoder{file: file, failed: map[string]bool{}}
	d.table(reflect.ValueOf(c).Elem(), raw, rootPos(pos), "")
	c.File, c.pos, c.failed = file, pos, d.failed
	errs := append(d.errs, c.Check()...)
	errs.Sort()
	return errs.Err()
}

// keyAt is where a key or element is written, or, when the scanner does
// not know, where the nearest enclosing one is.
type keyAt struct {
	p         data.Positions
	line, col int
}

func rootPos(p data.Positions) keyAt { return keyAt{p: p, line: 1, col: 1} }

func (a keyAt) key(k string) keyAt { return a.inner(a.p.Key(k)) }

func (a keyAt) elem(i int) keyAt { return a.inner(a.p.Elem(i)) }

func (a keyAt) inner(p data.Positions) keyAt {
	in := keyAt{p: p}
	if in.line, in.col = p.At(); in.line == 0 {
		in.line, in.col = a.line, a.col
	}
	return in
}

// configDecoder collects the problems of one config file.
type configDecoder struct {
	file   string
	errs   data.Errors
	failed map[string]bool // keys reported, not checked again
}

// errf reports a problem of key at at.
func (d *configDecoder) errf(at keyAt, key, format string, args ...any) {
	d.failed[key] = true
	d.errs = append(d.errs, &data.Error{File: d.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...)})
}

var textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

// configValue is a config field that decodes its generic TOML value
// itself, with the data package's table helper (data.Imports).
type configValue interface {
	DecodeConfigValue(file string, v any, p data.Positions) data.Errors
}

// structKeys are the keys of a config struct type with their field
// indexes, in field order.
type structKeys struct {
	keys  []string
	index map[string]int
}

var structKeysCache sync.Map // reflect.Type → *structKeys

// tomlKeys returns the keys of a config struct type with their field
// indexes; the caller must not change them.
func tomlKeys(t reflect.Type) (keys []string, index map[string]int) {
	if sk, ok := structKeysCache.Load(t); ok {
		return sk.(*structKeys).keys, sk.(*structKeys).index
	}
	sk := &structKeys{index: make(map[string]int)}
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		sk.keys = append(sk.keys, tag)
		sk.index[tag] = i
	}
	structKeysCache.Store(t, sk)
	return sk.keys, sk.index
}

// table decodes the TOML table m into the struct v; prefix is the table's
// dotted key with a trailing dot ("" at the top).
func (d *configDecoder) table(v reflect.Value, m map[string]any, at keyAt, prefix string) {
	known, index := tomlKeys(v.Type())
	for _, k := range slices.Sorted(maps.Keys(m)) {
		i, ok := index[k]
		if !ok {
			cands := make([]string, len(known))
			for j, kn := range known {
				cands[j] = prefix + kn
			}
			d.errf(at.key(k), prefix+k, "unknown key %s%s", diag.Quote(prefix+k), diag.Suggest(prefix+k, cands))
			continue
		}
		d.value(v.Field(i), m[k], at.key(k), prefix+k)
	}
}

// oneOrManyType is an array that the config may also give as a single
// string (PDFStandards).
var oneOrManyType = reflect.TypeFor[interface{ oneOrMany() }]()

// want says in words what TOML value a field of type t takes.
func want(t reflect.Type) string {
	if t.Implements(oneOrManyType) {
		return "a string or an array of strings"
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Float64:
		return "a number"
	case reflect.Int:
		return "an integer"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(want(t.Elem()), "a "), "an ") + "s"
	}
	return "a table"
}

// value decodes v into the field f; key names it in messages. It reports
// whether f was set.
func (d *configDecoder) value(f reflect.Value, v any, at keyAt, key string) bool {
	wrong := func() bool {
		hint := ""
		if s, ok := v.(string); ok && f.Kind() == reflect.Slice {
			hint = ", like [" + diag.Quote(s) + "]"
		}
		d.errf(at, key, "%s: got %s; want %s%s", key, data.Describe(v), want(f.Type()), hint)
		return false
	}
	if dv, ok := f.Addr().Interface().(configValue); ok {
		if errs := dv.DecodeConfigValue(d.file, v, at.p); len(errs) > 0 {
			d.failed[key] = true
			d.errs = append(d.errs, errs...)
			return false
		}
		return true
	}
	if s, ok := v.(string); ok && f.Type().Implements(oneOrManyType) {
		v = []any{s} // a string for an array of one
	}
	if reflect.PointerTo(f.Type()).Implements(textUnmarshalerType) {
		s, ok := v.(string)
		if !ok {
			return wrong()
		}
		nv := reflect.New(f.Type())
		if err := nv.Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.errf(at, key, "%s: %v", key, err)
			return false
		}
		f.Set(nv.Elem())
		return true
	}
	switch f.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return wrong()
		}
		f.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return wrong()
		}
		f.SetBool(b)
	case reflect.Float64:
		switch n := v.(type) {
		case float64:
			f.SetFloat(n)
		case int64:
			f.SetFloat(float64(n))
		default:
			return wrong()
		}
	case reflect.Int:
		n, ok := v.(int64)
		if !ok || int64(int(n)) != n {
			return wrong()
		}
		f.SetInt(n)
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return wrong()
		}
		out := reflect.MakeSlice(f.Type(), 0, len(arr))
		for i, e := range arr {
			ev := reflect.New(f.Type().Elem()).Elem()
			if d.value(ev, e, at.elem(i), fmt.Sprintf("%s[%d]", key, i)) {
				out = reflect.Append(out, ev)
			}
		}
		f.Set(out)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		d.table(f, m, at, key+".")
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		if f.IsNil() {
			f.Set(reflect.MakeMap(f.Type()))
		}
		if f.Type().Elem().Kind() == reflect.String {
			// A table of texts by dotted id ([labels]): TOML nests
			// heading.contents = "…" as a table, which is the id
			// "heading.contents".
			d.stringMap(f, m, at, key, "")
			return true
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			ev := reflect.New(f.Type().Elem()).Elem()
			if d.value(ev, m[k], at.key(k), key+"."+k) {
				f.SetMapIndex(reflect.ValueOf(k), ev)
			}
		}
	default:
		// A Config field of a kind this decoder does not know is a
		// defect of the program, caught by TestConfigDecodesEveryField.
		panic(fmt.Sprintf("config: key %s has unsupported kind %s", key, f.Kind()))
	}
	return true
}

// stringMap decodes the table m, whose nested tables name dotted ids,
// into the map of strings f; prefix is the id so far.
func (d *configDecoder) stringMap(f reflect.Value, m map[string]any, at keyAt, key, prefix string) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if sub, ok := m[k].(map[string]any); ok {
			d.stringMap(f, sub, at.key(k), key+"."+k, prefix+k+".")
			continue
		}
		ev := reflect.New(f.Type().Elem()).Elem()
		if d.value(ev, m[k], at.key(k), key+"."+k) {
			f.SetMapIndex(reflect.ValueOf(prefix+k), ev)
		}
	}
}

// KeyPos returns where the dotted key ("page.margins.top", "blocks[2]")
// is written in the config file, or where the nearest enclosing table or
// key is, or the file's start. A config made in code gets only its file.
func (c *Config) KeyPos(key string) data.Pos {
	file := c.File
	if file == "" {
		file = "config.toml"
	}
	at := rootPos(c.pos)
	if line, _ := c.pos.At(); line == 0 {
		return data.Pos{File: file}
	}
	for _, part := range strings.Split(key, ".") {
		name, rest, _ := strings.Cut(part, "[")
		at = at.key(name)
		for rest != "" {
			n, tail, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(n)
			if err != nil {
				break
			}
			at = at.elem(i)
			rest = strings.TrimPrefix(tail, "[")
		}
	}
	return data.Pos{File: file, Line: at.line, Col: at.col}
}
