package config

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/diag"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

var (
	halfPageWidth  = bound{v: func(c *Config) float64 { w, _ := c.PageDimensions(); return w / 2 }, name: "half the page width"}
	halfPageHeight = bound{v: func(c *Config) float64 { _, h := c.PageDimensions(); return h / 2 }, name: "half the page height"}
	textWidth      = bound{v: (*Config).TextWidth, name: "the text width", text: true}
	pageWidth      = bound{v: func(c *Config) float64 { w, _ := c.PageDimensions(); return w }, name: "the page width"}
)

// A bound of a numeric key's range: a constant, or a length that follows
// from the page (named in messages).
type bound struct {
	v    func(c *Config) float64
	name string // "" for a constant
	text bool   // depends on the text area, so on valid margins
}

func num(v float64) bound { return bound{v: func(*Config) float64 { return v }} }

func (b bound) String(c *Config) string {
	v := fmtNumber(math.Round(b.v(c)*100) / 100)
	if b.name == "" {
		return v
	}
	return b.name + " (" + v + ")"
}

// numberRule is the valid range of one numeric key.
type numberRule struct {
	key    string
	what   string // "a size in points"
	lo, hi bound
	zero   string // when not "", 0 is valid too and means this
}

// numberRules gives every number of the config its range, as docs/config.md
// states them. TestConfigNumbersHaveRanges holds every numeric key to a
// rule here: a number out of range (nan, inf, 1e9) would reach the PDF.
var numberRules = []numberRule{
	{key: "page.margins.top", what: "a length in points", lo: num(0), hi: halfPageHeight},
	{key: "page.margins.bottom", what: "a length in points", lo: num(0), hi: halfPageHeight},
	{key: "page.margins.left", what: "a length in points", lo: num(0), hi: halfPageWidth},
	{key: "page.margins.right", what: "a length in points", lo: num(0), hi: halfPageWidth},
	{key: "fonts.body_size", what: "a size in points", lo: num(5), hi: num(24)},
	{key: "fonts.leading", what: "a length in points", lo: num(5), hi: num(40)},
	{key: "fonts.heading_size", what: "a size in points", lo: num(5), hi: num(40)},
	{key: "fonts.title_size", what: "a size in points", lo: num(8), hi: num(72)},
	{key: "fonts.small_size", what: "a size in points", lo: num(5), hi: num(24)},
	{key: "cover.logo_width", what: "a width in points", lo: num(1), hi: textWidth},
	{key: "timeline.width", what: "a width in points", lo: num(144), hi: textWidth, zero: "the text width"},
	{key: "timeline.height", what: "a height in points", lo: num(72), hi: num(2000)},
	{key: "timeline.max_labels", what: "a count", lo: num(0), hi: num(10000)},
	{key: "frequency.width", what: "a width in points", lo: num(144), hi: textWidth, zero: "the text width"},
	{key: "frequency.height", what: "a height in points", lo: num(72), hi: num(2000)},
	{key: "frequency.top", what: "a count", lo: num(1), hi: num(10000)},
}

// field returns the Config field of a dotted key, found by toml tags.
func (c *Config) field(key string) reflect.Value {
	v := reflect.ValueOf(c).Elem()
	for _, k := range strings.Split(key, ".") {
		_, index := tomlKeys(v.Type())
		i, ok := index[k]
		if !ok {
			panic("config: no config key " + key)
		}
		v = v.Field(i)
	}
	return v
}

// fmtNumber writes a number as TOML would: nan, inf, -inf, 1e+09, 10.5.
func fmtNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// checkNumbers holds numeric keys to their rules and returns the keys
// that broke theirs: the keys whose bounds depend on the text area when
// text is true, the others when it is false. Until the text area is
// sound (bad margins, an unknown page size), a bound that follows from it
// is replaced by the page width, which no text area exceeds.
func (c *Config) checkNumbers(bad func(key, format string, args ...any), text, sound bool) map[string]bool {
	failed := map[string]bool{}
	for _, r := range numberRules {
		if r.lo.text || r.hi.text != text {
			continue
		}
		if r.hi.text && !sound {
			r.hi = pageWidth
		}
		f := c.field(r.key)
		var v float64
		var got string
		if f.Kind() == reflect.Int {
			v, got = float64(f.Int()), strconv.FormatInt(f.Int(), 10)
		} else {
			v, got = f.Float(), fmtNumber(f.Float())
		}
		if (r.zero != "" && v == 0) || (v >= r.lo.v(c) && v <= r.hi.v(c)) { // false for NaN
			continue
		}
		failed[r.key] = true
		zero := ""
		if r.zero != "" {
			zero = "0 (" + r.zero + ") or "
		}
		bad(r.key, "got %s; want %s%s from %s to %s", got, zero, r.what, r.lo.String(c), r.hi.String(c))
	}
	return failed
}

// placeholderNames are the placeholders of the running header and footer,
// in the order docs/config.md lists them; the report fills them (running.go).
var placeholderNames = []string{"title", "subtitle", "author", "date", "page", "pages", "distribution"}

// PlaceholderRE matches anything written as a placeholder in a running
// text: braces around text without braces. Check reports those that are
// not placeholders; the report fills the others.
var PlaceholderRE = regexp.MustCompile(`\{[^{}]*\}`)

// checkPlaceholders reports every {…} in a running text that is not a
// placeholder: it would be printed as written.
func checkPlaceholders(s string, bad func(format string, args ...any)) {
	known := make([]string, len(placeholderNames))
	for i, n := range placeholderNames {
		known[i] = "{" + n + "}"
	}
	for _, m := range PlaceholderRE.FindAllString(s, -1) {
		if !slices.Contains(known, m) {
			bad("unknown placeholder %s%s; the placeholders are %s", diag.Quote(m), diag.Suggest(m, known), strings.Join(known, ", "))
		}
	}
}

// checkLanguage says what is wrong with a language tag, or "".
func checkLanguage(s string) string {
	const want = `want a BCP 47 language tag like "en", "en-GB" or "pt-BR"`
	if strings.Contains(s, "_") {
		// language.Parse accepts "en_US"; BCP 47 (and a PDF's /Lang) do not.
		return fmt.Sprintf("got %s; %s, with hyphens: %q", diag.Quote(s), want, strings.ReplaceAll(s, "_", "-"))
	}
	if _, err := language.Parse(s); err != nil {
		return fmt.Sprintf("got %s (%s); %s", diag.Quote(s), strings.TrimPrefix(err.Error(), "language: "), want)
	}
	return ""
}

// Check validates values that TOML types cannot: ranges and combinations.
// Problems are placed at their keys in the config file (c.File), when it
// was loaded. Load runs it; a config made or changed in code is checked
// with it before use (the report does).
func (c *Config) Check() data.Errors {
	var errs data.Errors
	bad := func(key string, format string, args ...any) {
		if c.failed[key] {
			return // reported when decoded
		}
		p := c.KeyPos(key)
		errs = append(errs, &data.Error{File: p.File, Line: p.Line, Col: p.Col,
			Msg: key + ": " + fmt.Sprintf(format, args...)})
	}
	if len(c.Data) == 0 {
		bad("data", "at least one data file is required")
	}
	// Files are read through an fs.FS, which has no absolute paths.
	paths := []struct{ key, p string }{{"cover.logo", c.Cover.Logo}, {"hyphenation.patterns", c.Hyphenation.Patterns}}
	for _, d := range c.Data {
		paths = append(paths, struct{ key, p string }{"data", d})
	}
	for _, f := range c.Fonts.Files.Faces() {
		paths = append(paths, struct{ key, p string }{"fonts.files." + f.Face, f.File})
	}
	for _, f := range c.Fonts.Fallback {
		if !BuiltinFallback(f) {
			paths = append(paths, struct{ key, p string }{"fonts.fallback", f})
		}
	}
	for _, ft := range c.Fonts.Features.Roles() {
		if err := CheckFeatures(ft.Settings); err != nil {
			bad("fonts.features."+ft.Role, "%v", err)
		}
	}
	for _, fp := range paths {
		if msg := OutsidePath(fp.p); msg != "" {
			bad(fp.key, "%q %s: give a path relative to the config's directory (copy the file beside the config)", fp.p, msg)
		}
	}
	// The output stays inside the config's folder too: a config someone
	// else wrote must not make a build overwrite a file elsewhere.
	if msg := OutsidePath(c.Output); msg != "" {
		bad("output", "%q %s: the config's output must stay inside its directory (write elsewhere with -o)", c.Output, msg)
	}
	// Values that UnmarshalText vouches for when decoded, checked again
	// for configs made in code.
	enums := []struct {
		key string
		u   interface{ UnmarshalText([]byte) error }
		v   string
	}{
		{"page.size", new(PageSize), string(c.Page.Size)},
		{"page.orientation", new(Orientation), string(c.Page.Orientation)},
		{"fonts.body", new(Family), string(c.Fonts.Body)},
		{"fonts.heading", new(Family), string(c.Fonts.Heading)},
		{"fonts.paragraph", new(ParaStyle), string(c.Fonts.Paragraph)},
		{"timeline.lanes", new(Lanes), string(c.Timeline.Lanes)},
		{"frequency.group", new(FreqGroup), string(c.Frequency.Group)},
	}
	pageOK := true
	for _, e := range enums {
		if err := e.u.UnmarshalText([]byte(e.v)); err != nil {
			bad(e.key, "%v", err)
			pageOK = pageOK && !strings.HasPrefix(e.key, "page.")
		}
	}
	for _, key := range []string{"blocks", "new_page"} {
		list := c.Blocks
		if key == "new_page" {
			list = c.NewPage
		}
		for i, b := range list {
			if err := new(BlockName).UnmarshalText([]byte(b)); err != nil {
				bad(fmt.Sprintf("%s[%d]", key, i), "%v", err)
			}
		}
	}
	if len(c.Blocks) == 0 {
		bad("blocks", "list at least one block")
	}
	seen := map[BlockName]bool{}
	for i, b := range c.Blocks {
		if seen[b] {
			bad(fmt.Sprintf("blocks[%d]", i), "%q is listed twice", b)
		}
		seen[b] = true
	}
	for i, b := range c.Blocks {
		if b == BlockCover && i != 0 {
			bad(fmt.Sprintf("blocks[%d]", i), "the cover must come first")
		}
	}
	// The margins first: the bounds of other lengths follow from the text
	// area they leave.
	failed := c.checkNumbers(bad, false, false)
	sound := false
	if pageOK && !failed["page.margins.top"] && !failed["page.margins.bottom"] &&
		!failed["page.margins.left"] && !failed["page.margins.right"] {
		m := c.Page.Margins
		w, h := c.PageDimensions()
		tw, th := w-m.Left-m.Right, h-m.Top-m.Bottom
		if tw < 144 {
			bad("page.margins", "leave %.1f pt of text width on this page; at least 144 pt (2 in) is needed", tw)
		}
		if th < 216 {
			bad("page.margins", "leave %.1f pt of text height on this page; at least 216 pt (3 in) is needed", th)
		}
		sound = tw >= 144 && th >= 216
	}
	maps.Copy(failed, c.checkNumbers(bad, true, sound))
	if !failed["fonts.leading"] && !failed["fonts.body_size"] && c.Fonts.Leading < c.Fonts.BodySize {
		bad("fonts.leading", "%g is less than the body size %g", c.Fonts.Leading, c.Fonts.BodySize)
	}
	if msg := checkLanguage(c.Language); msg != "" {
		bad("language", "%s", msg)
	}
	if err := c.PDF.Standard.Check(); err != nil {
		bad("pdf.standard", "%v", err)
	}
	for _, r := range []struct {
		key string
		rc  RunningConfig
	}{{"header", c.Header}, {"footer", c.Footer}} {
		checkPlaceholders(r.rc.Left, func(f string, a ...any) { bad(r.key+".left", f, a...) })
		checkPlaceholders(r.rc.Right, func(f string, a ...any) { bad(r.key+".right", f, a...) })
	}
	for _, k := range slices.Sorted(maps.Keys(c.Labels)) {
		if _, err := i18n.New("en", map[string]string{k: c.Labels[k]}); err != nil {
			bad("labels."+k, "%s", strings.TrimPrefix(strings.TrimPrefix(err.Error(), "labels."+k+": "), "labels: "))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.Colors.Parties)) {
		if _, err := data.ParseID(k); err != nil {
			bad("colors.parties."+k, "%v", err)
		}
	}
	return errs
}
