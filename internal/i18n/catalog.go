package i18n

import (
	"embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
)

//go:embed catalog/*.toml
var catalogFS embed.FS

// Languages are the built-in languages, by their base subtag.
var Languages = []string{"en", "fr", "de", "es", "ru", "tr", "hy", "az"}

// message is one message: a text, plural forms or a list.
type message struct {
	text  string
	forms map[plural.Form]string // nil unless the message counts
	list  []string               // nil unless a list
}

var formNames = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

var (
	// catalogs holds each language's messages, decoded the first time
	// the language is asked for: a build in one language decodes one
	// catalogue (and English, for fallbacks and ids), not all eight.
	catalogs sync.Map // lang -> *lazyCatalog
)

type lazyCatalog struct {
	once sync.Once
	m    map[string]message
	err  error
}

// load decodes the embedded catalogue of lang.
func load(lang string) (map[string]message, error) {
	src, err := catalogFS.ReadFile(path.Join("catalog", lang+".toml"))
	if err != nil {
		return nil, err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, fmt.Errorf("i18n: catalog/%s.toml: %v", lang, err)
	}
	m := map[string]message{}
	if err := flatten(raw, "", m); err != nil {
		return nil, fmt.Errorf("i18n: catalog/%s.toml: %v", lang, err)
	}
	return m, nil
}

// flatten turns nested TOML tables into dotted ids.
func flatten(raw map[string]any, prefix string, out map[string]message) error {
	for k, v := range raw {
		id := prefix + k
		switch v := v.(type) {
		case string:
			out[id] = message{text: v}
		case []any:
			var l []string
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("%s: a list of strings wanted", id)
				}
				l = append(l, s)
			}
			out[id] = message{list: l}
		case map[string]any:
			if isPlural(v) {
				forms := map[plural.Form]string{}
				for f, s := range v {
					str, ok := s.(string)
					if !ok {
						return fmt.Errorf("%s.%s: a string wanted", id, f)
					}
					forms[formNames[f]] = str
				}
				if _, ok := forms[plural.Other]; !ok {
					return fmt.Errorf("%s: plural forms without \"other\"", id)
				}
				out[id] = message{forms: forms}
				continue
			}
			if err := flatten(v, id+".", out); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s: a string, a list or a table wanted", id)
		}
	}
	return nil
}

func isPlural(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for k := range m {
		if _, ok := formNames[k]; !ok {
			return false
		}
	}
	return true
}

func catalog(lang string) map[string]message {
	if !slices.Contains(Languages, lang) {
		return nil
	}
	v, _ := catalogs.LoadOrStore(lang, new(lazyCatalog))
	c := v.(*lazyCatalog)
	c.once.Do(func() { c.m, c.err = load(lang) })
	if c.err != nil {
		// The catalogues are embedded and tested; this is a build defect.
		panic(c.err)
	}
	return c.m
}

// IDs lists every message id, sorted: the English catalogue's, which is
// complete by definition.
func IDs() []string { return slices.Sorted(maps.Keys(catalog("en"))) }

// Has reports whether id is a message.
func Has(id string) bool {
	_, ok := catalog("en")[id]
	return ok
}

// Missing lists the ids of lang's catalogue that fall back to English,
// and those whose kind (text, plural or list, and a list's length) or
// placeholders differ from the English message.
func Missing(lang string) []string {
	en, c := catalog("en"), catalog(lang)
	var out []string
	for _, id := range IDs() {
		m, ok := c[id]
		switch {
		case !ok:
			out = append(out, id+": missing")
		case (m.forms == nil) != (en[id].forms == nil) || (m.list == nil) != (en[id].list == nil):
			out = append(out, id+": not the same kind of message as in English")
		case en[id].list != nil && len(m.list) != len(en[id].list):
			out = append(out, id+fmt.Sprintf(": %d items; English has %d", len(m.list), len(en[id].list)))
		default:
			if bad := placeholderDiff(en[id], m); bad != "" {
				out = append(out, id+": "+bad)
			}
		}
	}
	for id := range c {
		if _, ok := en[id]; !ok {
			out = append(out, id+": not an English message")
		}
	}
	slices.Sort(out)
	return out
}

// placeholderDiff says which placeholders m uses that en does not have,
// or "".
func placeholderDiff(en, m message) string {
	have := map[string]bool{}
	for _, s := range en.all() {
		for _, p := range Placeholders(s) {
			have[p] = true
		}
	}
	for _, s := range m.all() {
		for _, p := range Placeholders(s) {
			if !have[p] {
				return "unknown placeholder {" + p + "}"
			}
		}
	}
	return ""
}

func (m message) all() []string {
	if m.forms != nil {
		return slices.Collect(maps.Values(m.forms))
	}
	if m.list != nil {
		return m.list
	}
	return []string{m.text}
}

// Placeholders lists the names of s's {name} placeholders.
func Placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		name := s[i+1 : i+j]
		if name != "" && !strings.ContainsAny(name, " {") {
			out = append(out, name)
		}
		s = s[i+j+1:]
	}
}

func placeholderList(m message) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range m.all() {
		for _, p := range Placeholders(s) {
			if !seen[p] {
				seen[p] = true
				out = append(out, "{"+p+"}")
			}
		}
	}
	if len(out) == 0 {
		return "no placeholders"
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
