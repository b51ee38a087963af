package config

import (
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/data"
)

func loadConfigString(t *testing.T, src string) (*Config, error) {
	t.Helper()
	fsys := fstest.MapFS{"conf/config.toml": {Data: []byte(src)}}
	return Load(fsys, "conf/config.toml")
}

// configErrors returns the positioned errors of a config, failing if it
// loaded.
func configErrors(t *testing.T, src string) data.Errors {
	t.Helper()
	_, err := loadConfigString(t, src)
	if err == nil {
		t.Fatalf("config loaded without error:\n%s", src)
	}
	var es data.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not data.Errors", err, err)
	}
	return es
}

func TestDefaultConfig(t *testing.T) {
	c := Default()
	if len(c.Data) != 1 || c.Data[0] != "data/us-mediation-2023.toml" {
		t.Errorf("Data = %q", c.Data)
	}
	if c.Output != "briefing.pdf" || c.Language != "en" {
		t.Errorf("Output %q, Language %q", c.Output, c.Language)
	}
	if w, h := c.PageDimensions(); w != 595.28 || h != 841.89 {
		t.Errorf("page %gx%g, want A4", w, h)
	}
	if c.Fonts.Body != "serif" || c.Fonts.Heading != "sans" || c.Fonts.BodySize != 10.5 || c.Fonts.Leading != 14 {
		t.Errorf("fonts %+v", c.Fonts)
	}
	if len(c.Blocks) != len(blockNames) {
		t.Errorf("default blocks %v, want all %d", c.Blocks, len(blockNames))
	}
	if tw, _, _, _ := c.ChartSizes(); tw != c.TextWidth() {
		t.Errorf("timeline width %g, text width %g", tw, c.TextWidth())
	}
}

func TestConfigOverridesOneKey(t *testing.T) {
	c, err := loadConfigString(t, `
data = ["./data/../one.toml", "two.toml"]
[page]
size = "letter"
[fonts.files]
serif = "fonts/My Serif.ttf"
[cover]
logo = "logo.png"
`)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := c.PageDimensions(); w != 612 || h != 792 {
		t.Errorf("page %gx%g, want Letter", w, h)
	}
	d := Default()
	if c.Page.Margins != d.Page.Margins || c.Page.Orientation != "portrait" || c.Fonts.BodySize != d.Fonts.BodySize {
		t.Errorf("keys not in the file changed: %+v", c.Page)
	}
	// Paths are relative to the config's directory, as fs.FS paths.
	if c.Data[0] != "conf/one.toml" || c.Data[1] != "conf/two.toml" {
		t.Errorf("Data = %q", c.Data)
	}
	if c.Fonts.Files.Serif != "conf/fonts/My Serif.ttf" || c.Cover.Logo != "conf/logo.png" {
		t.Errorf("font %q, logo %q", c.Fonts.Files.Serif, c.Cover.Logo)
	}
	if c.Fonts.Files.Sans != "" {
		t.Errorf("sans file %q, want none", c.Fonts.Files.Sans)
	}
}

func TestConfigLandscape(t *testing.T) {
	c, err := loadConfigString(t, "data = [\"d.toml\"]\n[page]\nsize = \"A5\"\norientation = \"landscape\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if w, h := c.PageDimensions(); w != 595.28 || h != 419.53 {
		t.Errorf("A5 landscape is %gx%g", w, h)
	}
}

func TestConfigErrorsHavePositions(t *testing.T) {
	cases := []struct {
		name, src string
		want      string // FILE:LINE:COL: start of message
		msg       string
	}{
		{"unknown key", "data = [\"d.toml\"]\n\n[page]\nsize = \"A4\"\nsizee = \"A4\"\n",
			"conf/config.toml:5:1: ", `unknown key "page.sizee"`},
		{"unknown key in inline table", "data = [\"d.toml\"]\n[page]\nmargins = { top = 50, topp = 3 }\n",
			"conf/config.toml:3:23: ", `unknown key "page.margins.topp"`},
		{"unknown table", "data = [\"d.toml\"]\n[colours]\naccent = \"#000000\"\n",
			"conf/config.toml:2:1: ", `unknown key "colours" (did you mean "colors"?)`},
		{"bad page size", "data = [\"d.toml\"]\n[page]\n  size = \"A9\"\n",
			"conf/config.toml:3:", `page size must be A3, A4, A5, Letter or Legal, not "A9"`},
		{"bad colour", "data = [\"d.toml\"]\n[colors]\naccent = \"navy\"\n",
			"conf/config.toml:3:", `invalid colour "navy": want #rrggbb, like #1f4e79`},
		{"wrong type", "data = [\"d.toml\"]\n[fonts]\nbody_size = \"big\"\n",
			"conf/config.toml:3:1: ", "fonts.body_size"},
		{"bad block", "data = [\"d.toml\"]\nblocks = [\"cover\", \"apendix\"]\n",
			"conf/config.toml:2:", `block must be cover, summary, contents, sections, timeline, actors, quotes, chronology, annex or sources, not "apendix"`},
		{"out of range", "data = [\"d.toml\"]\n[fonts]\nbody_size = 2\n",
			"conf/config.toml:3:1: ", "fonts.body_size: got 2; want a size in points from 5 to 24"},
		{"no data", "output = \"x.pdf\"\n",
			"conf/config.toml", "data: at least one data file is required"},
		{"syntax", "data = [\"d.toml\"\n",
			"conf/config.toml:1:17: ", "expected a comma"},
		{"bad party id", "data = [\"d.toml\"]\n[colors.parties]\nUS = \"#1f4e79\"\n",
			"conf/config.toml:3:1: ", `colors.parties.US: invalid id "US": want lowercase letters, digits and hyphens, starting with a letter or digit`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := configErrors(t, c.src)
			got := es.Error()
			if len(es) != 1 {
				t.Errorf("%d errors, want 1: %v", len(es), got)
			}
			if !strings.HasPrefix(got, c.want) || !strings.Contains(got, c.msg) {
				t.Errorf("error\n  %s\nwant it to start %q and hold %q", got, c.want, c.msg)
			}
		})
	}
}

// Every error of a file is reported, not just the first.
func TestConfigReportsAllErrors(t *testing.T) {
	es := configErrors(t, "data = [\"d.toml\"]\nfoo = 1\n[page]\nbar = 2\n[timeline]\nlanes = \"track\"\nbaz = 3\n")
	if len(es) != 3 {
		t.Fatalf("%d errors, want 3:\n%v", len(es), es)
	}
	for i, line := range []int{2, 4, 7} {
		if es[i].Line != line {
			t.Errorf("error %d at line %d, want %d: %v", i, es[i].Line, line, es[i])
		}
	}
}

func TestConfigMissingFile(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "nope.toml")
	if err == nil || !strings.Contains(err.Error(), "nope.toml") {
		t.Fatalf("err = %v", err)
	}
}

// The embedded default itself decodes without error.
func TestEmbeddedConfigDecodes(t *testing.T) {
	if _, err := decodeDefault(); err != nil {
		t.Fatal(err)
	}
}

func TestChartWidth(t *testing.T) {
	c, err := loadConfigString(t, "data = [\"d.toml\"]\n[frequency]\nwidth = 300\nheight = 200\n")
	if err != nil {
		t.Fatal(err)
	}
	tw, th, fw, fh := c.ChartSizes()
	if tw != c.TextWidth() || th != 290 || fw != 300 || fh != 200 {
		t.Errorf("ChartSizes = %g, %g, %g, %g", tw, th, fw, fh)
	}
	es := configErrors(t, "data = [\"d.toml\"]\n[timeline]\nwidth = 900\n")
	if len(es) != 1 || es[0].Line != 3 || !strings.Contains(es[0].Msg, "timeline.width") {
		t.Errorf("errors %v", es)
	}
}

// A config with ten bad keys reports all ten at once, each at its key, in
// the data files' words, never the TOML library's (issue 12, item 24).
func TestConfigReportsTenBadKeysAtOnce(t *testing.T) {
	src := `data = "d.toml"
output = 5
blocks = ["cover", 7, "apendix"]

[page]
size = true
margins = { top = "wide", lefft = 72 }

[fonts]
body_size = "big"
paragraph = "spaced"

[colors]
accent = 0x1f4e79

[frequency]
top = 2.5
show_role = "yes"
`
	want := []string{
		`conf/config.toml:1:1: data: got string "d.toml"; want an array of strings, like ["d.toml"]`,
		`conf/config.toml:2:1: output: got integer 5; want a string`,
		`conf/config.toml:3:20: blocks[1]: got integer 7; want a string`,
		`conf/config.toml:3:23: blocks[2]: block must be cover, summary, contents, sections, timeline, actors, quotes, chronology, annex or sources, not "apendix"`,
		`conf/config.toml:6:1: page.size: got boolean true; want a string`,
		`conf/config.toml:7:13: page.margins.top: got string "wide"; want a number`,
		`conf/config.toml:7:27: unknown key "page.margins.lefft" (did you mean "page.margins.left"?)`,
		`conf/config.toml:10:1: fonts.body_size: got string "big"; want a number`,
		`conf/config.toml:11:1: fonts.paragraph: paragraph must be indent or space, not "spaced" (did you mean "space"?)`,
		`conf/config.toml:14:1: colors.accent: got integer 2051705; want a string`,
		`conf/config.toml:17:1: frequency.top: got float 2.5; want an integer`,
		`conf/config.toml:18:1: frequency.show_role: got string "yes"; want true or false`,
	}
	es := configErrors(t, src)
	got := strings.Split(es.Error(), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range es {
		if strings.Contains(e.Msg, "TOML value") || strings.Contains(e.Msg, "incompatible") || strings.Contains(e.Msg, "int64") {
			t.Errorf("the TOML library's words: %v", e)
		}
	}
}

// numericKeys lists the dotted keys of every number in a config struct.
func numericKeys(t reflect.Type, prefix string) []string {
	var out []string
	keys, index := tomlKeys(t)
	for _, k := range keys {
		ft := t.Field(index[k]).Type
		switch ft.Kind() {
		case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			out = append(out, prefix+k)
		case reflect.Struct:
			out = append(out, numericKeys(ft, prefix+k+".")...)
		}
	}
	return out
}

// Every number of the config has a documented range, and a value out of
// it, nan and inf included, is an error at its key (issue 12, item 12).
func TestConfigNumbersHaveRanges(t *testing.T) {
	ruled := map[string]numberRule{}
	for _, r := range numberRules {
		ruled[r.key] = r
	}
	keys := numericKeys(reflect.TypeFor[Config](), "")
	if len(keys) < 16 {
		t.Fatalf("found only %d numeric keys: %v", len(keys), keys)
	}
	for _, k := range keys {
		if _, ok := ruled[k]; !ok {
			t.Errorf("config key %s is a number without a range in numberRules", k)
		}
	}
	if len(ruled) != len(keys) {
		t.Errorf("%d rules for %d numeric keys", len(ruled), len(keys))
	}
	doc, err := os.ReadFile("../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	for _, k := range keys {
		table, name, _ := strings.Cut(k, ".")
		if strings.HasPrefix(name, "margins.") {
			name = "margins"
		}
		// The docs give the range in the key's row of its table's section.
		section := string(doc)
		if i := strings.Index(section, "## `["+table+"]`"); i >= 0 {
			section = section[i:]
		}
		row, ok := "", false
		if i := strings.Index(section, "| `"+name+"` |"); i >= 0 {
			row, _, _ = strings.Cut(section[i:], "\n")
			ok = true
		}
		if r := ruled[k]; !ok {
			t.Errorf("docs/config.md has no row for %s", k)
		} else if r.lo.name == "" && r.hi.name == "" && !strings.Contains(row, fmtNumber(r.lo.v(nil))+"–"+fmtNumber(r.hi.v(nil))) {
			t.Errorf("docs/config.md does not give %s the range %g–%g: %s", k, r.lo.v(nil), r.hi.v(nil), row)
		}
		isInt := def.field(k).Kind() == reflect.Int
		bads := []string{"nan", "inf", "-inf", "+nan", "1e9", "-1e9", "9223372036854775807", "-9223372036854775808"}
		for _, v := range bads {
			if isInt != !strings.ContainsAny(v, "nie") {
				continue // a float in an integer key is a type error, tested elsewhere
			}
			// Write the key both ways TOML allows: in its table, and as
			// a dotted key at the top.
			line := name + " = " + v
			if name == "margins" {
				line = "margins = { " + strings.TrimPrefix(k, "page.margins.") + " = " + v + " }"
			}
			src := "data = [\"d.toml\"]\n\n[" + table + "]\n" + line + "\n"
			es := configErrors(t, src)
			if len(es) != 1 || es[0].Line != 4 || es[0].Col == 0 || !strings.HasPrefix(es[0].Msg, k+": got ") {
				t.Errorf("%s = %s:\n%v\nwant one error at line 4 for %s", k, v, es, k)
			}
		}
		// The bounds themselves are valid.
		r := ruled[k]
		for _, v := range []float64{r.lo.v(def), r.hi.v(def)} {
			src := "data = [\"d.toml\"]\n" + k + " = " + fmtNumber(v) + "\n"
			switch k { // the leading is at least the body size
			case "fonts.leading":
				src += "fonts.body_size = 5\n"
			case "fonts.body_size":
				src += "fonts.leading = 40\n"
			}
			if _, err := loadConfigString(t, src); err != nil {
				t.Errorf("%s = %g (a bound): %v", k, v, err)
			}
		}
	}
}

// Ranges that follow from the page: a logo as wide as the text area is
// fine, 1e9 is not; margins may take up to half the page.
func TestConfigRangesFollowThePage(t *testing.T) {
	c := Default()
	for _, ok := range []string{
		"cover.logo_width = 451.28",
		"cover.logo_width = 1",
		"page.size = \"A3\"\ncover.logo_width = 697",
		"page.margins = { top = 300, bottom = 300 }",
		"timeline.width = 0\nfrequency.width = 144",
	} {
		if _, err := loadConfigString(t, "data = [\"d.toml\"]\n"+ok+"\n"); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	tw := c.TextWidth()
	for _, bad := range []struct{ src, want string }{
		{"cover.logo_width = 1e9", "2:1: cover.logo_width: got 1e+09; want a width in points from 1 to the text width (451.28)"},
		{"cover.logo_width = 0", "2:1: cover.logo_width: got 0; want a width in points from 1 to the text width (451.28)"},
		{"cover.logo_width = 452", "2:1: cover.logo_width: got 452; want a width in points"},
		{"timeline.width = 100", "2:1: timeline.width: got 100; want 0 (the text width) or a width in points from 144 to the text width (451.28)"},
		{"page.margins.left = 298", "2:1: page.margins.left: got 298; want a length in points from 0 to half the page width (297.64)"},
		{"page.margins.top = -1", "2:1: page.margins.top: got -1; want a length in points from 0 to half the page height (420.95)"},
		{"fonts.leading = 9", "2:1: fonts.leading: 9 is less than the body size 10.5"},
		// Margins within their ranges that leave too little text area.
		{"page.margins = { left = 290, right = 290 }", "2:1: page.margins: leave 15.3 pt of text width"},
	} {
		es := configErrors(t, "data = [\"d.toml\"]\n"+bad.src+"\n")
		if len(es) != 1 || !strings.HasPrefix(es.Error(), "conf/config.toml:"+bad.want) {
			t.Errorf("%s:\n got %v\nwant conf/config.toml:%s…", bad.src, es, bad.want)
		}
	}
	// With the margins wrong, a width is still held to the page.
	es := configErrors(t, "data = [\"d.toml\"]\npage.margins.top = nan\ncover.logo_width = 1e9\nfrequency.width = 500\n")
	want := "conf/config.toml:2:1: page.margins.top: got nan; want a length in points from 0 to half the page height (420.95)\n" +
		"conf/config.toml:3:1: cover.logo_width: got 1e+09; want a width in points from 1 to the page width (595.28)"
	if es.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", es, want)
	}
	if tw != 451.28 && math.Abs(tw-451.28) > 0.005 {
		t.Errorf("A4 text width %g", tw)
	}
}

// Braces in a header or footer text are placeholders; one that is not
// known would print as written, so it is an error at its key that lists
// the known ones (issue 12, item 31).
func TestConfigPlaceholders(t *testing.T) {
	ok := "data = [\"d.toml\"]\n[header]\nleft = \"{title}: {subtitle} by {author}\"\nright = \"{date} {distribution} {\"\n" +
		"[footer]\nleft = \"} {page}/{pages}\"\nright = \"\"\n"
	if _, err := loadConfigString(t, ok); err != nil {
		t.Fatalf("known placeholders: %v", err)
	}
	es := configErrors(t, "data = [\"d.toml\"]\n[header]\nleft = \"{nope}\"\n[footer]\n right = \"Page {Page} of {pages} {}\"\n")
	const list = "; the placeholders are {title}, {subtitle}, {author}, {date}, {page}, {pages}, {distribution}"
	want := []string{
		`conf/config.toml:3:1: header.left: unknown placeholder "{nope}"` + list,
		`conf/config.toml:5:2: footer.right: unknown placeholder "{Page}" (did you mean "{page}"?)` + list,
		`conf/config.toml:5:2: footer.right: unknown placeholder "{}"` + list,
	}
	if got := es.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// Every placeholder the docs list is known, and no other.
	doc, err := os.ReadFile("../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range placeholderNames {
		if !strings.Contains(string(doc), "`{"+n+"}`") {
			t.Errorf("docs/config.md does not list {%s}", n)
		}
	}
}

// language is a BCP 47 tag (issue 12, item 31).
func TestConfigLanguage(t *testing.T) {
	for _, tag := range []string{"en", "en-GB", "pt-BR", "zh-Hant-TW", "de-CH-1996", "sr-Latn", "EN", "und"} {
		if _, err := loadConfigString(t, "data = [\"d.toml\"]\nlanguage = \""+tag+"\"\n"); err != nil {
			t.Errorf("language %q: %v", tag, err)
		}
	}
	for _, c := range []struct{ tag, want string }{
		{"english", `language: got "english" (tag is not well-formed); want a BCP 47 language tag like "en", "en-GB" or "pt-BR"`},
		{"en_US", `language: got "en_US"; want a BCP 47 language tag like "en", "en-GB" or "pt-BR", with hyphens: "en-US"`},
		{"xx", `language: got "xx" (subtag "xx" is well-formed but unknown)`},
		{"", `language: got "" (tag is not well-formed)`},
		{"en-", `language: got "en-" (tag is not well-formed)`},
	} {
		es := configErrors(t, "data = [\"d.toml\"]\n\nlanguage = \""+c.tag+"\"\n")
		if len(es) != 1 || !strings.HasPrefix(es.Error(), "conf/config.toml:3:1: "+c.want) {
			t.Errorf("language %q:\n got %v\nwant conf/config.toml:3:1: %s", c.tag, es, c.want)
		}
	}
}

// Every key of Config is of a kind the decoder handles: it names the key
// and what it wants when given a value of the wrong type, and takes a
// value of the right one.
func TestConfigDecodesEveryField(t *testing.T) {
	var walk func(v reflect.Value, prefix string)
	n := 0
	walk = func(v reflect.Value, prefix string) {
		keys, index := tomlKeys(v.Type())
		for _, k := range keys {
			f, key := v.Field(index[k]), prefix+k
			if _, ok := f.Addr().Interface().(configValue); ok {
				// A field that decodes itself (data.Imports) takes an
				// array of tables and refuses a string.
				n++
				d := &configDecoder{file: "c.toml", failed: map[string]bool{}}
				if d.value(f, "x", keyAt{line: 1, col: 1}, key) || len(d.errs) != 1 {
					t.Errorf("%s: a string gave %v", key, d.errs)
				}
				d = &configDecoder{file: "c.toml", failed: map[string]bool{}}
				if !d.value(f, []map[string]any{}, keyAt{line: 1, col: 1}, key) {
					t.Errorf("%s: an empty array of tables gave %v", key, d.errs)
				}
				continue
			}
			if f.Kind() == reflect.Struct && !reflect.PointerTo(f.Type()).Implements(textUnmarshalerType) {
				walk(f, key+".")
			}
			n++
			d := &configDecoder{file: "c.toml", failed: map[string]bool{}}
			wrong := []map[string]any{{}}
			if d.value(f, wrong, keyAt{line: 1, col: 1}, key) || len(d.errs) != 1 ||
				d.errs[0].Msg != key+": got array of tables; want "+want(f.Type()) {
				t.Errorf("%s: wrong type gave %v", key, d.errs)
			}
			var right any
			switch w := want(f.Type()); w {
			case "a string":
				right = ""
			case "a number":
				right = 1.5
			case "an integer":
				right = int64(3)
			case "true or false":
				right = true
			case "an array of strings", "a string or an array of strings":
				right = []any{}
			case "a table":
				right = map[string]any{}
			default:
				t.Errorf("%s wants %q", key, w)
			}
			d = &configDecoder{file: "c.toml", failed: map[string]bool{}}
			d.value(f, right, keyAt{line: 1, col: 1}, key)
			for _, e := range d.errs {
				if strings.Contains(e.Msg, "; want ") {
					t.Errorf("%s: a value of the right type: %v", key, e)
				}
			}
		}
	}
	walk(reflect.ValueOf(Default()).Elem(), "")
	if n < 40 {
		t.Errorf("walked %d keys", n)
	}
}
