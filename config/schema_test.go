package config

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

var update = flag.Bool("update", false, "rewrite docs/schema/config.schema.json")

var configSchemaFile = filepath.Join("..", "docs", "schema", "config.schema.json")

// TestConfigSchemaFile fails when the published config schema and the
// Config type drift apart. Regenerate with
// go test ./config -run TestConfigSchemaFile -update.
func TestConfigSchemaFile(t *testing.T) {
	s := Schema()
	got, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if bytes.Contains(got, []byte("MISSING-TOML-TAG")) {
		t.Fatalf("a Config field has no toml tag:\n%s", got)
	}
	if *update {
		if err := os.WriteFile(configSchemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(configSchemaFile)
	if err != nil {
		t.Fatalf("%v (run go test ./config -run TestConfigSchemaFile -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with Config; run go test ./config -run TestConfigSchemaFile -update and review the diff", configSchemaFile)
	}
}

// TestConfigSchemaEnums checks each enumerated type's listed values
// against its UnmarshalText: every listed value is accepted, and a value
// outside the list is not.
func TestConfigSchemaEnums(t *testing.T) {
	// Every type decoded through UnmarshalText, other than colours, is an
	// enumeration the schema must list.
	var walk func(reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		if _, ok := reflect.Zero(typ).Interface().(interface{ JSONSchema() map[string]any }); ok {
			return // its own schema (data.Imports)
		}
		if typ != reflect.TypeFor[Color]() && reflect.PointerTo(typ).Implements(textUnmarshaler) {
			if _, ok := configEnums[typ]; !ok {
				t.Errorf("%v is decoded through UnmarshalText but configEnums does not list its values", typ)
			}
			return
		}
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				walk(typ.Field(i).Type)
			}
		case reflect.Slice, reflect.Map, reflect.Pointer, reflect.Array:
			walk(typ.Elem())
		}
	}
	walk(reflect.TypeFor[Config]())
	for typ, vals := range configEnums {
		for _, v := range append(vals, "no-such-value") {
			u := reflect.New(typ).Interface().(encoding.TextUnmarshaler)
			err := u.UnmarshalText([]byte(v))
			if v == "no-such-value" && err == nil {
				t.Errorf("%v accepts %q, which the schema does not list", typ, v)
			}
			if v != "no-such-value" && err != nil {
				t.Errorf("%v: schema lists %q, UnmarshalText says %v", typ, v, err)
			}
		}
	}
}

// TestConfigSchemaAcceptsConfigs checks every key of the repository's
// configs against the schema.
func TestConfigSchemaAcceptsConfigs(t *testing.T) {
	s := Schema()
	for _, f := range []string{"../config.toml", "../cmd/briefing/starter/config.toml"} {
		var raw map[string]any
		if _, err := toml.DecodeFile(f, &raw); err != nil {
			t.Fatal(err)
		}
		walkSchema(t, f, "", raw, s)
	}
}

func walkSchema(t *testing.T, file, path string, v any, s map[string]any) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	props, _ := s["properties"].(map[string]any)
	for k, e := range m {
		ps, ok := props[k].(map[string]any)
		if !ok {
			if ap, isMap := s["additionalProperties"].(map[string]any); isMap {
				ps = ap
			} else {
				t.Errorf("%s: %s is not in the schema", file, strings.TrimPrefix(path+"."+k, "."))
				continue
			}
		}
		walkSchema(t, file, path+"."+k, e, ps)
	}
}
