package config

import (
	"encoding"
	"reflect"
	"strings"

	"github.com/briefing-pdf/briefing/internal/i18n"
)

// Schema returns the JSON Schema (draft-07) of a layout config, for
// editors (Taplo / Even Better TOML read a `#:schema` line), read off the
// Config type by reflection: one table per struct, one key per toml tag.
// A config says only what differs from the defaults, so no key is
// required and every table is optional.
func Schema() map[string]any {
	s := typeSchema(reflect.TypeFor[Config]())
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["title"] = "briefing layout config"
	s["description"] = "The layout config of a briefing (config.toml): which data files it reads and how it looks. A config says only what differs from the defaults. See docs/config.md."
	s["properties"].(map[string]any)["labels"] = labelsSchema()
	return s
}

// labelsSchema is [labels]: message ids, written as nested tables
// (heading.contents = "…" in TOML) or as quoted ids.
func labelsSchema() map[string]any {
	root := map[string]any{}
	for _, id := range i18n.IDs() {
		parts := strings.Split(id, ".")
		node := root
		for _, p := range parts[:len(parts)-1] {
			child, ok := node[p].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[p] = child
			}
			node = child
		}
		node[parts[len(parts)-1]] = map[string]any{"type": "string"}
		if len(parts) > 1 {
			root[id] = map[string]any{"type": "string"}
		}
	}
	var obj func(m map[string]any) map[string]any
	obj = func(m map[string]any) map[string]any {
		props := map[string]any{}
		for k, v := range m {
			if c, ok := v.(map[string]any); ok && c["type"] == nil {
				props[k] = obj(c)
			} else {
				props[k] = v
			}
		}
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	s := obj(root)
	s["description"] = "Words the briefing prints on its own, by message id, over the built-in messages of its language. See docs/config.md."
	return s
}

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

func typeSchema(t reflect.Type) map[string]any {
	if s, ok := reflect.Zero(t).Interface().(interface{ JSONSchema() map[string]any }); ok {
		return s.JSONSchema()
	}
	if vals, ok := configEnums[t]; ok {
		return map[string]any{"type": "string", "enum": vals}
	}
	if t == reflect.TypeFor[Color]() {
		return map[string]any{"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem())}
	case reflect.Pointer:
		return typeSchema(t.Elem())
	case reflect.Struct:
		props := map[string]any{}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				// Every decoded field has a tag; one without is a defect
				// the schema test reports.
				name = "MISSING-TOML-TAG-" + f.Name
			}
			props[name] = typeSchema(f.Type)
		}
		return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	}
	return map[string]any{}
}
