package data

import (
	"regexp"
	"slices"
	"strings"
)

// The JSON Schema of a data file, for editors (Taplo / Even Better TOML
// read a `#:schema` line). It is read off the decoder itself, so the
// decoder stays the one description of the format: Schema decodes probe
// documents with a recorder attached, which notes every key each table
// asks for and the type its helper (str, date, refs…) wants. A key asked
// for without a helper is a table or an array of tables; Schema finds out
// which by probing with {} and [{}] and seeing whether the decoder opened
// a table there.

// recorder notes what the decoder asks for, table by table. A table is
// named by its path: the keys from the top, without indexes or ids
// ("events quotes", "briefing period").
type recorder struct {
	tables map[string]bool
	keys   map[string]map[string]*keyInfo
	order  map[string][]string
}

type keyInfo struct {
	schema   map[string]any // nil: asked for without a typed helper
	required bool
}

func newRecorder() *recorder {
	return &recorder{tables: map[string]bool{}, keys: map[string]map[string]*keyInfo{}, order: map[string][]string{}}
}

var (
	labelIndex = regexp.MustCompile(`\[\d+\]`)
	labelID    = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// tablePath turns a table's label (events[3] "x" quotes[0], [briefing]
// period) into its path (events quotes, briefing period).
func tablePath(label string) string {
	s := labelID.ReplaceAllString(label, "")
	s = labelIndex.ReplaceAllString(s, "")
	s = strings.NewReplacer("[", "", "]", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func (r *recorder) opened(label string) { r.tables[tablePath(label)] = true }

func (r *recorder) asked(label, k string) *keyInfo {
	p := tablePath(label)
	m := r.keys[p]
	if m == nil {
		m = map[string]*keyInfo{}
		r.keys[p] = m
	}
	ki := m[k]
	if ki == nil {
		ki = &keyInfo{}
		m[k] = ki
		r.order[p] = append(r.order[p], k)
	}
	return ki
}

// typed records what key k of table t takes; nil-safe on the recorder.
func (t *table) typed(k string, schema map[string]any, required bool) {
	if t.d.rec == nil {
		return
	}
	ki := t.d.rec.asked(t.label, k)
	ki.schema = schema
	ki.required = ki.required || required
}

// textSchema is the schema of a string decoded through u.
func textSchema(u any) map[string]any {
	s := map[string]any{"type": "string"}
	switch u.(type) {
	case *ID:
		s["pattern"] = "^[a-z0-9][a-z0-9-]*$"
	case *Color:
		s["pattern"] = "^#[0-9a-fA-F]{6}$"
	case *URL:
		s["format"] = "uri"
		s["pattern"] = "^[hH][tT][tT][pP][sS]?://"
	}
	if e, ok := u.(interface{ enum() []string }); ok {
		s["enum"] = e.enum()
	}
	return s
}

var (
	stringSchema = map[string]any{"type": "string"}
	dateSchema   = map[string]any{"type": "string", "format": "date", "description": "a TOML local date, like 2023-05-01"}
	idSchema     = map[string]any{"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
)

// Schema returns the JSON Schema (draft-07) of a data file as a value
// ready for encoding/json.
func Schema() map[string]any {
	probe := map[string]any{}
	type slot struct{ path, key string }
	shapes := map[string]string{} // path -> "table" or "array"
	tried := map[slot]int{}
	var rec *recorder
	for {
		rec = newRecorder()
		d := &decoder{file: "probe.toml", rec: rec}
		d.decodeAll(probe, nil)
		progress := false
		for _, p := range sortedKeys(rec.keys) {
			for _, k := range rec.order[p] {
				ki := rec.keys[p][k]
				child := strings.TrimSpace(p + " " + k)
				if ki.schema != nil || rec.tables[child] {
					if rec.tables[child] && shapes[child] == "" {
						shapes[child] = shapeAt(probe, p, k)
					}
					continue
				}
				s := slot{p, k}
				if tried[s] >= 2 {
					continue
				}
				shape := []any{map[string]any{}, []any{map[string]any{}}}[tried[s]]
				tried[s]++
				setAt(probe, p, k, shape)
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	root := objectSchema(rec, "", shapes)
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["title"] = "briefing data file"
	root["description"] = "A data file of a briefing: events, actors, parties, sources, the narrative and the key judgments. See docs/data-format.md."
	return root
}

// objectSchema is the schema of the table at path p.
func objectSchema(rec *recorder, p string, shapes map[string]string) map[string]any {
	props := map[string]any{}
	var required []string
	for _, k := range rec.order[p] {
		ki := rec.keys[p][k]
		child := strings.TrimSpace(p + " " + k)
		var s map[string]any
		switch {
		case ki.schema != nil:
			s = ki.schema
		case shapes[child] == "table":
			s = objectSchema(rec, child, shapes)
		case shapes[child] == "array":
			s = map[string]any{"type": "array", "items": objectSchema(rec, child, shapes)}
		default:
			s = map[string]any{}
		}
		props[k] = s
		if ki.required {
			required = append(required, k)
		}
	}
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		slices.Sort(required)
		out["required"] = required
	}
	return out
}

// container returns the probe table at path p (an array's first element
// stands for its tables), or nil.
func container(probe map[string]any, p string) map[string]any {
	m := probe
	for _, k := range strings.Fields(p) {
		switch v := m[k].(type) {
		case map[string]any:
			m = v
		case []any:
			m = v[0].(map[string]any)
		default:
			return nil
		}
	}
	return m
}

func setAt(probe map[string]any, p, k string, v any) {
	if m := container(probe, p); m != nil {
		m[k] = v
	}
}

func shapeAt(probe map[string]any, p, k string) string {
	if m := container(probe, p); m != nil {
		if _, ok := m[k].([]any); ok {
			return "array"
		}
	}
	return "table"
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
