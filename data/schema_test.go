package data

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateSchema = flag.Bool("update", false, "rewrite docs/schema/data.schema.json")

// schemaFile is the data files' JSON Schema, as published for editors.
var schemaFile = filepath.Join("..", "docs", "schema", "data.schema.json")

// TestSchemaFile fails when the published schema and the decoder drift
// apart: the file must be what Schema reads off the decoder now.
// Regenerate it with go test ./data -run TestSchemaFile -update.
func TestSchemaFile(t *testing.T) {
	got, err := json.MarshalIndent(Schema(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *updateSchema {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v (run go test ./data -run TestSchemaFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with the decoder; run go test ./data -run TestSchemaFile -update and review the diff", schemaFile)
	}
}

// TestSchemaShape checks that the schema says what the format says: the
// tables and arrays of tables, required keys, and types that the decoder
// enforces.
func TestSchemaShape(t *testing.T) {
	s := Schema()
	prop := func(m map[string]any, path ...string) map[string]any {
		t.Helper()
		for _, k := range path {
			if m["type"] == "array" {
				m = m["items"].(map[string]any)
			}
			p, ok := m["properties"].(map[string]any)[k]
			if !ok {
				t.Fatalf("schema has no %s", strings.Join(path, "."))
			}
			m = p.(map[string]any)
		}
		return m
	}
	if prop(s, "briefing")["type"] != "object" {
		t.Error("briefing is not a table")
	}
	for _, k := range []string{"parties", "actors", "sources", "events", "sections"} {
		if prop(s, k)["type"] != "array" {
			t.Errorf("%s is not an array of tables", k)
		}
	}
	if prop(s, "briefing", "period")["type"] != "object" {
		t.Error("briefing.period is not a table")
	}
	if prop(s, "events", "quotes")["type"] != "array" {
		t.Error("events.quotes is not an array of tables")
	}
	if got := prop(s, "events", "date")["format"]; got != "date" {
		t.Errorf("events.date format %v, want date", got)
	}
	if got := prop(s, "events", "precision")["enum"]; len(got.([]string)) != 3 {
		t.Errorf("events.precision enum %v", got)
	}
	req := prop(s, "events")["items"].(map[string]any)["required"].([]string)
	for _, k := range []string{"date", "id", "title"} {
		if !strings.Contains(strings.Join(req, " "), k) {
			t.Errorf("events: %s not required (required: %v)", k, req)
		}
	}
	if prop(s, "events")["items"].(map[string]any)["additionalProperties"] != false {
		t.Error("events: unknown keys allowed; the decoder rejects them")
	}
}

// TestSchemaAcceptsExamples checks every key of the repository's data
// files against the schema's properties: a key the decoder accepts and
// the schema lacks would be flagged as an error by editors.
func TestSchemaAcceptsExamples(t *testing.T) {
	s := Schema()
	for _, f := range []string{"us-mediation-2023.toml", "../cmd/briefing/starter/data/briefing.toml"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := parseTOML(string(src))
		if err != nil {
			t.Fatal(err)
		}
		checkAgainst(t, f, "", raw, s)
	}
}

func checkAgainst(t *testing.T, file, path string, v any, s map[string]any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for k, e := range v {
			ps, ok := props[k].(map[string]any)
			if !ok {
				t.Errorf("%s: %s%s is not in the schema", file, path, k)
				continue
			}
			checkAgainst(t, file, path+k+".", e, ps)
		}
	case []map[string]any:
		for _, e := range v {
			checkAgainst(t, file, path, e, s["items"].(map[string]any))
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for _, e := range v {
				checkAgainst(t, file, path, e, items)
			}
		}
	}
}
