package config

import (
	"reflect"
	"strings"

	"github.com/briefing-pdf/briefing/internal/diag"

	"github.com/briefing-pdf/briefing/data"
)

// Setting is one `-set key=value` of the command line that names a config
// key: Key is dotted ("cover.distribution"), Value is TOML as typed
// ("Internal", "\"Internal\"", "[\"summary\"]", "12.5"), N numbers the
// setting among the -set flags from 1, to place its problems as
// "-set:N:COL".
type Setting struct {
	Key, Value string
	N          int
}

// SettingFile is the file name the problems of a Setting carry.
const SettingFile = "-set"

// applySettings decodes each setting over c as if it were written in the
// config file, with the same decoder: the same checks and messages, and
// unknown keys with a did-you-mean. A value for a key that takes a string
// may be written without quotes. Problems are data.Errors whose File is
// SettingFile, Line the setting's N and Col the column in "key=value".
func (c *Config) applySettings(sets []Setting) data.Errors {
	var errs data.Errors
	d := &configDecoder{file: SettingFile, failed: map[string]bool{}}
	for _, s := range sets {
		src := s.Key + "=" + s.Value
		if stringKey(c, s.Key) && !strings.HasPrefix(strings.TrimSpace(s.Value), `"`) && !strings.HasPrefix(strings.TrimSpace(s.Value), "'") {
			src = s.Key + "=" + data.QuoteTOML(s.Value)
		}
		raw, pos, perr := data.ParseTOML(SettingFile, []byte(src))
		if perr != nil {
			perr.Line = s.N
			perr.Msg = "cannot read " + diag.Quote(s.Key+"="+s.Value) + " as TOML: " + perr.Msg
			errs = append(errs, perr)
			continue
		}
		n := len(d.errs)
		d.table(reflect.ValueOf(c).Elem(), raw, rootPos(pos), "")
		for _, e := range d.errs[n:] {
			e.Line = s.N
			if !strings.Contains(e.Msg, "unknown key") {
				e.Col = len(s.Key) + 2 // at the value
			}
		}
	}
	errs = append(errs, d.errs...)
	if c.failed == nil {
		c.failed = map[string]bool{}
	}
	for k := range d.failed {
		c.failed[k] = true
	}
	// The ranges and rules that span keys, once every setting is in; a
	// problem with a key that was set is the setting's.
	for _, e := range c.Check() {
		for _, s := range sets {
			if strings.HasPrefix(e.Msg, s.Key+": ") || strings.HasPrefix(e.Msg, s.Key+"[") {
				e.File, e.Line, e.Col = SettingFile, s.N, len(s.Key)+2
				break
			}
		}
		errs = append(errs, e)
	}
	return errs
}

// stringKey reports whether the dotted config key takes a string, so that
// its value may be given without quotes.
func stringKey(c *Config, key string) bool {
	t := reflect.TypeOf(c).Elem()
	for _, k := range strings.Split(key, ".") {
		switch t.Kind() {
		case reflect.Map: // colors.parties.us: any name
			t = t.Elem()
			if t.Kind() == reflect.String {
				// labels.heading.contents: the rest is the entry's
				// dotted name.
				return want(t) == "a string"
			}
			continue
		case reflect.Struct:
		default:
			return false
		}
		_, index := tomlKeys(t)
		i, ok := index[k]
		if !ok {
			return false
		}
		t = t.Field(i).Type
	}
	return want(t) == "a string"
}

// Keys lists the config's keys, dotted, for suggestions.
func Keys() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		keys, index := tomlKeys(t)
		for _, k := range keys {
			f := t.Field(index[k]).Type
			out = append(out, prefix+k)
			if f.Kind() == reflect.Struct && !reflect.PointerTo(f).Implements(textUnmarshalerType) {
				walk(f, prefix+k+".")
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return out
}

// KnownKey reports whether the dotted key names a config key, or an
// entry of one that is a table of names (colors.parties.us,
// labels.heading.contents).
func KnownKey(key string) bool {
	v := reflect.TypeFor[Config]()
	parts := strings.Split(key, ".")
	for i, k := range parts {
		if v.Kind() == reflect.Map {
			// A table of texts takes dotted names (labels.heading.contents).
			return i == len(parts)-1 || v.Elem().Kind() == reflect.String
		}
		if v.Kind() != reflect.Struct || reflect.PointerTo(v).Implements(textUnmarshalerType) {
			return false
		}
		_, index := tomlKeys(v)
		j, ok := index[k]
		if !ok {
			return false
		}
		v = v.Field(j).Type
	}
	return true
}
