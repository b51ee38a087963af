package report

import (
	"encoding"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/data"
)

// Config is the layout config: how the briefing looks and which data it
// reads. Its values come from the embedded default config.toml, over which
// a user's config is decoded.
type Config struct {
	// Data lists the data files as fs.FS paths (resolved against the
	// config's directory).
	Data []string `toml:"data"`
	// Output is the default output path, as written in the config.
	Output   string      `toml:"output"`
	Language string      `toml:"language"`
	Blocks   []BlockName `toml:"blocks"`
	NewPage  []BlockName `toml:"new_page"`

	Page        PageConfig        `toml:"page"`
	Fonts       FontConfig        `toml:"fonts"`
	Colors      ColorConfig       `toml:"colors"`
	Header      RunningConfig     `toml:"header"`
	Footer      RunningConfig     `toml:"footer"`
	Cover       CoverConfig       `toml:"cover"`
	Timeline    TimelineConfig    `toml:"timeline"`
	Frequency   FrequencyConfig   `toml:"frequency"`
	Hyphenation HyphenationConfig `toml:"hyphenation"`
	// Import maps the columns of CSV data files to fields ([[import]]).
	Import data.Imports `toml:"import"`

	// File is the config's fs.FS path ("" for the embedded default alone).
	File string `toml:"-"`

	// pos is where each key is written in File (in the embedded default's
	// config.toml when File is ""); zero for a config made in code.
	pos data.Positions
	// failed holds the keys whose values were reported when decoding;
	// check does not report them again.
	failed map[string]bool
}

// PageConfig is the paper and the text area.
type PageConfig struct {
	Size        PageSize    `toml:"size"`
	Orientation Orientation `toml:"orientation"`
	Margins     Margins     `toml:"margins"`
}

// Margins are the distances in points from the page edges to the text area.
type Margins struct {
	Top    float64 `toml:"top"`
	Bottom float64 `toml:"bottom"`
	Left   float64 `toml:"left"`
	Right  float64 `toml:"right"`
}

// FontConfig chooses families, sizes and user TrueType files.
type FontConfig struct {
	Body        Family    `toml:"body"`
	Heading     Family    `toml:"heading"`
	BodySize    float64   `toml:"body_size"`
	Leading     float64   `toml:"leading"`
	HeadingSize float64   `toml:"heading_size"`
	TitleSize   float64   `toml:"title_size"`
	SmallSize   float64   `toml:"small_size"`
	Paragraph   ParaStyle `toml:"paragraph"`
	Files       FontFiles `toml:"files"`
}

// FontFiles are TrueType files (fs.FS paths once loaded) replacing the
// built-in faces; empty keeps the built-in face.
type FontFiles struct {
	Serif           string `toml:"serif"`
	SerifBold       string `toml:"serif-bold"`
	SerifItalic     string `toml:"serif-italic"`
	SerifBoldItalic string `toml:"serif-bolditalic"`
	Sans            string `toml:"sans"`
	SansBold        string `toml:"sans-bold"`
	SansItalic      string `toml:"sans-italic"`
	SansBoldItalic  string `toml:"sans-bolditalic"`
}

// faces lists the files by face name, in a fixed order.
func (f *FontFiles) faces() []struct{ face, file string } {
	return []struct{ face, file string }{
		{"serif", f.Serif}, {"serif-bold", f.SerifBold},
		{"serif-italic", f.SerifItalic}, {"serif-bolditalic", f.SerifBoldItalic},
		{"sans", f.Sans}, {"sans-bold", f.SansBold},
		{"sans-italic", f.SansItalic}, {"sans-bolditalic", f.SansBoldItalic},
	}
}

func (f *FontFiles) resolve(dir string) {
	for _, p := range []*string{&f.Serif, &f.SerifBold, &f.SerifItalic, &f.SerifBoldItalic,
		&f.Sans, &f.SansBold, &f.SansItalic, &f.SansBoldItalic} {
		*p = resolvePath(dir, *p)
	}
}

// ColorConfig holds the colours; Parties override the data's party colours.
type ColorConfig struct {
	Accent  Color            `toml:"accent"`
	Text    Color            `toml:"text"`
	Muted   Color            `toml:"muted"`
	Shade   Color            `toml:"shade"`
	Parties map[string]Color `toml:"parties"`
}

// RunningConfig is a running header or footer: text at the left and right
// of the text area, with placeholders {title}, {subtitle}, {author},
// {date}, {page}, {pages} and {distribution}.
type RunningConfig struct {
	Left  string `toml:"left"`
	Right string `toml:"right"`
}

// CoverConfig is what the cover adds to the briefing's metadata.
type CoverConfig struct {
	Distribution string  `toml:"distribution"`
	Logo         string  `toml:"logo"`
	LogoWidth    float64 `toml:"logo_width"`
}

// TimelineConfig sizes and configures Figure 1.
type TimelineConfig struct {
	Width     float64 `toml:"width"` // 0: the text width
	Height    float64 `toml:"height"`
	Lanes     Lanes   `toml:"lanes"`
	MaxLabels int     `toml:"max_labels"`
}

// FrequencyConfig sizes and configures the actor-frequency chart.
type FrequencyConfig struct {
	Width    float64 `toml:"width"` // 0: the text width
	Height   float64 `toml:"height"`
	Top      int     `toml:"top"`
	ShowRole bool    `toml:"show_role"`
	// PeriodOnly counts only events in the period; Group is "actor"
	// (one bar per actor) or "party" (people grouped under their party).
	PeriodOnly bool      `toml:"period_only"`
	Group      FreqGroup `toml:"group"`
}

// FreqGroup is what a bar of the actor chart stands for: an actor or a
// party.
type FreqGroup string

// UnmarshalText accepts actor or party.
func (g *FreqGroup) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case charts.GroupActor, charts.GroupParty:
		*g = FreqGroup(s)
		return nil
	}
	return fmt.Errorf("frequency group must be actor or party, not %q", t)
}

// HyphenationConfig says whether justified text may be hyphenated, and by
// which patterns: a TeX or libhyphen patterns file, or, when empty and the
// language is English, the built-in US English patterns of plain TeX.
type HyphenationConfig struct {
	Enabled  bool   `toml:"enabled"`
	Patterns string `toml:"patterns"`
}

// BlockName names one block of the briefing.
type BlockName string

// The blocks.
const (
	BlockCover      BlockName = "cover"
	BlockSummary    BlockName = "summary"
	BlockContents   BlockName = "contents"
	BlockSections   BlockName = "sections"
	BlockTimeline   BlockName = "timeline"
	BlockActors     BlockName = "actors"
	BlockQuotes     BlockName = "quotes"
	BlockChronology BlockName = "chronology"
	BlockAnnex      BlockName = "annex"
	BlockSources    BlockName = "sources"
)

var blockNames = []BlockName{BlockCover, BlockSummary, BlockContents, BlockSections,
	BlockTimeline, BlockActors, BlockQuotes, BlockChronology, BlockAnnex, BlockSources}

// UnmarshalText accepts the name of a block.
func (b *BlockName) UnmarshalText(t []byte) error {
	for _, n := range blockNames {
		if string(t) == string(n) {
			*b = n
			return nil
		}
	}
	return fmt.Errorf("unknown block %q (blocks: %s)", t, joinNames(blockNames))
}

func joinNames[T ~string](ns []T) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = string(n)
	}
	return strings.Join(s, ", ")
}

// PageSize is a named paper size.
type PageSize string

// pageSizes are the paper sizes in points, portrait.
var pageSizes = []struct {
	name string
	w, h float64
}{
	{"A3", 841.89, 1190.55},
	{"A4", 595.28, 841.89},
	{"A5", 419.53, 595.28},
	{"Letter", 612, 792},
	{"Legal", 612, 1008},
}

// UnmarshalText accepts A3, A4, A5, Letter or Legal, in any case.
func (p *PageSize) UnmarshalText(t []byte) error {
	for _, s := range pageSizes {
		if strings.EqualFold(string(t), s.name) {
			*p = PageSize(s.name)
			return nil
		}
	}
	names := make([]string, len(pageSizes))
	for i, s := range pageSizes {
		names[i] = s.name
	}
	return fmt.Errorf("unknown page size %q (sizes: %s)", t, strings.Join(names, ", "))
}

// Orientation is portrait or landscape.
type Orientation string

// UnmarshalText accepts portrait or landscape.
func (o *Orientation) UnmarshalText(t []byte) error {
	switch s := strings.ToLower(string(t)); s {
	case "portrait", "landscape":
		*o = Orientation(s)
		return nil
	}
	return fmt.Errorf("orientation must be portrait or landscape, not %q", t)
}

// Family is a font family of the built-in set: serif or sans.
type Family string

// UnmarshalText accepts serif or sans.
func (f *Family) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "serif", "sans":
		*f = Family(s)
		return nil
	}
	return fmt.Errorf("font family must be serif or sans, not %q", t)
}

// ParaStyle is how paragraphs are told apart: a first-line indent or space.
type ParaStyle string

// UnmarshalText accepts indent or space.
func (p *ParaStyle) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "indent", "space":
		*p = ParaStyle(s)
		return nil
	}
	return fmt.Errorf("paragraph must be indent or space, not %q", t)
}

// Lanes is how the timeline groups events: by track, kind or party.
type Lanes string

// UnmarshalText accepts track, kind or party.
func (l *Lanes) UnmarshalText(t []byte) error {
	switch s := string(t); s {
	case "track", "kind", "party":
		*l = Lanes(s)
		return nil
	}
	return fmt.Errorf("timeline lanes must be track, kind or party, not %q", t)
}

// Color is an sRGB colour written #rrggbb.
type Color struct{ R, G, B uint8 }

// UnmarshalText accepts #rrggbb.
func (c *Color) UnmarshalText(t []byte) error {
	s := string(t)
	if len(s) != 7 || s[0] != '#' {
		return fmt.Errorf("colour must be #rrggbb, not %q", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fmt.Errorf("colour must be #rrggbb, not %q", s)
	}
	*c = Color{uint8(v >> 16), uint8(v >> 8), uint8(v)}
	return nil
}

// String returns #rrggbb.
func (c Color) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// DefaultConfig returns the embedded config.toml alone.
func DefaultConfig() *Config {
	c, err := decodeDefault()
	if err != nil {
		// The embedded default is tested; reaching this is a build defect.
		panic("report: embedded config.toml: " + err.Error())
	}
	return c
}

func decodeDefault() (*Config, error) {
	src, err := fs.ReadFile(briefing.Builtin, "config.toml")
	if err != nil {
		return nil, err
	}
	c := &Config{}
	if err := decodeInto(c, "config.toml", src); err != nil {
		return nil, err
	}
	c.File = "" // the embedded default alone; c.pos stays its config.toml's
	c.resolve(".")
	return c, nil
}

// LoadConfig reads the layout config at path in fsys over the embedded
// default. Unknown keys and bad values are data.Errors with positions.
// Paths in the config are relative to its directory and come back as fs.FS
// paths.
//
// Settings, from -set on the command line, are applied over the file;
// their problems are data.Errors with the File SettingFile.
func LoadConfig(fsys fs.FS, name string, sets ...Setting) (*Config, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, data.Errors{{File: name, Msg: "cannot read config: " + pathErrMsg(err)}}
	}
	c, err := decodeDefault()
	if err != nil {
		return nil, err
	}
	// The default's data files are the built-in briefing's; a user's
	// config names its own.
	c.Data = nil
	if err := decodeInto(c, name, src); err != nil {
		return nil, err
	}
	c.File = name
	if errs := c.applySettings(sets); len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	c.composeText()
	c.resolve(path.Dir(name))
	return c, nil
}

func pathErrMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// outsidePath says why p cannot name a file relative to the config, or ""
// when it can.
func outsidePath(p string) string {
	if path.IsAbs(p) || strings.Contains(p, "\\") || (len(p) > 1 && p[1] == ':') {
		return "is an absolute path"
	}
	return ""
}

func resolvePath(dir, p string) string {
	if p == "" {
		return ""
	}
	return path.Join(dir, p)
}

func (c *Config) resolve(dir string) {
	for i, p := range c.Data {
		c.Data[i] = resolvePath(dir, p)
	}
	c.Fonts.Files.resolve(dir)
	c.Cover.Logo = resolvePath(dir, c.Cover.Logo)
	c.Hyphenation.Patterns = resolvePath(dir, c.Hyphenation.Patterns)
	for i := range c.Import {
		c.Import[i].File = resolvePath(dir, c.Import[i].File)
	}
}

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
	errs := append(d.errs, c.check()...)
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
			d.errf(at.key(k), prefix+k, "unknown key %s%s", data.QuoteShort(prefix+k), data.Suggest(prefix+k, cands))
			continue
		}
		d.value(v.Field(i), m[k], at.key(k), prefix+k)
	}
}

// want says in words what TOML value a field of type t takes.
func want(t reflect.Type) string {
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
			hint = ", like [" + data.QuoteShort(s) + "]"
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
		for _, k := range slices.Sorted(maps.Keys(m)) {
			ev := reflect.New(f.Type().Elem()).Elem()
			if d.value(ev, m[k], at.key(k), key+"."+k) {
				f.SetMapIndex(reflect.ValueOf(k), ev)
			}
		}
	default:
		// A Config field of a kind this decoder does not know is a
		// defect of the program, caught by TestConfigDecodesEveryField.
		panic(fmt.Sprintf("report: config key %s has unsupported kind %s", key, f.Kind()))
	}
	return true
}

// keyPos returns where the dotted key ("page.margins.top", "blocks[2]")
// is written in the config file, or where the nearest enclosing table or
// key is, or the file's start. A config made in code gets only its file.
func (c *Config) keyPos(key string) data.Pos {
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

// A bound of a numeric key's range: a constant, or a length that follows
// from the page (named in messages).
type bound struct {
	v    func(c *Config) float64
	name string // "" for a constant
	text bool   // depends on the text area, so on valid margins
}

func num(v float64) bound { return bound{v: func(*Config) float64 { return v }} }

var (
	halfPageWidth  = bound{v: func(c *Config) float64 { w, _ := c.PageDimensions(); return w / 2 }, name: "half the page width"}
	halfPageHeight = bound{v: func(c *Config) float64 { _, h := c.PageDimensions(); return h / 2 }, name: "half the page height"}
	textWidth      = bound{v: (*Config).TextWidth, name: "the text width", text: true}
	pageWidth      = bound{v: func(c *Config) float64 { w, _ := c.PageDimensions(); return w }, name: "the page width"}
)

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
			panic("report: no config key " + key)
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
// in the order docs/config.md lists them; render.go fills them.
var placeholderNames = []string{"title", "subtitle", "author", "date", "page", "pages", "distribution"}

// placeholderRE matches anything written as a placeholder: braces around
// text without braces.
var placeholderRE = regexp.MustCompile(`\{[^{}]*\}`)

// checkPlaceholders reports every {…} in a running text that is not a
// placeholder: it would be printed as written.
func checkPlaceholders(s string, bad func(format string, args ...any)) {
	known := make([]string, len(placeholderNames))
	for i, n := range placeholderNames {
		known[i] = "{" + n + "}"
	}
	for _, m := range placeholderRE.FindAllString(s, -1) {
		if !slices.Contains(known, m) {
			bad("unknown placeholder %s%s; the placeholders are %s", data.QuoteShort(m), data.Suggest(m, known), strings.Join(known, ", "))
		}
	}
}

// checkLanguage says what is wrong with a language tag, or "".
func checkLanguage(s string) string {
	const want = `want a BCP 47 language tag like "en", "en-GB" or "pt-BR"`
	if strings.Contains(s, "_") {
		// language.Parse accepts "en_US"; BCP 47 (and a PDF's /Lang) do not.
		return fmt.Sprintf("got %s; %s, with hyphens: %q", data.QuoteShort(s), want, strings.ReplaceAll(s, "_", "-"))
	}
	if _, err := language.Parse(s); err != nil {
		return fmt.Sprintf("got %s (%s); %s", data.QuoteShort(s), strings.TrimPrefix(err.Error(), "language: "), want)
	}
	return ""
}

// check validates values that TOML types cannot: ranges and combinations.
// Problems are placed at their keys in the config file (c.File), when it
// was loaded.
func (c *Config) check() data.Errors {
	var errs data.Errors
	bad := func(key string, format string, args ...any) {
		if c.failed[key] {
			return // reported when decoded
		}
		p := c.keyPos(key)
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
	for _, f := range c.Fonts.Files.faces() {
		paths = append(paths, struct{ key, p string }{"fonts.files." + f.face, f.file})
	}
	for _, fp := range paths {
		if msg := outsidePath(fp.p); msg != "" {
			bad(fp.key, "%q %s: give a path relative to the config's directory (copy the file beside the config)", fp.p, msg)
		}
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
	for _, r := range []struct {
		key string
		rc  RunningConfig
	}{{"header", c.Header}, {"footer", c.Footer}} {
		checkPlaceholders(r.rc.Left, func(f string, a ...any) { bad(r.key+".left", f, a...) })
		checkPlaceholders(r.rc.Right, func(f string, a ...any) { bad(r.key+".right", f, a...) })
	}
	for _, k := range slices.Sorted(maps.Keys(c.Colors.Parties)) {
		if !validPartyID(k) {
			bad("colors.parties."+k, "%q is not a party id", k)
		}
	}
	return errs
}

func validPartyID(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r == '-' && i > 0:
		default:
			return false
		}
	}
	return true
}

// PageDimensions returns the page width and height in points, oriented.
func (c *Config) PageDimensions() (w, h float64) {
	w, h = pageSizes[1].w, pageSizes[1].h
	for _, s := range pageSizes {
		if string(c.Page.Size) == s.name {
			w, h = s.w, s.h
		}
	}
	if c.Page.Orientation == "landscape" {
		w, h = h, w
	}
	return w, h
}

// TextWidth is the width of the text area in points.
func (c *Config) TextWidth() float64 {
	w, _ := c.PageDimensions()
	return w - c.Page.Margins.Left - c.Page.Margins.Right
}

// Has reports whether block b is in the briefing.
func (c *Config) Has(b BlockName) bool {
	for _, x := range c.Blocks {
		if x == b {
			return true
		}
	}
	return false
}

func (c *Config) newPage(b BlockName) bool {
	for _, x := range c.NewPage {
		if x == b {
			return true
		}
	}
	return false
}

// TimelineOptions are the options of Figure 1.
func (c *Config) TimelineOptions() charts.TimelineOptions {
	return charts.TimelineOptions{
		Lanes:     string(c.Timeline.Lanes),
		Theme:     c.chartTheme(),
		MaxLabels: c.Timeline.MaxLabels,
	}
}

// FrequencyOptions are the options of the actor-frequency chart.
func (c *Config) FrequencyOptions() charts.FrequencyOptions {
	return charts.FrequencyOptions{
		Top:        c.Frequency.Top,
		ShowRole:   c.Frequency.ShowRole,
		Theme:      c.chartTheme(),
		PeriodOnly: c.Frequency.PeriodOnly,
		Group:      string(c.Frequency.Group),
	}
}

// ChartSizes returns the width and height in points of the timeline and
// the actor-frequency chart as the PDF shows them.
func (c *Config) ChartSizes() (timelineW, timelineH, frequencyW, frequencyH float64) {
	w := c.TextWidth()
	timelineW, frequencyW = w, w
	if c.Timeline.Width > 0 && c.Timeline.Width < w {
		timelineW = c.Timeline.Width
	}
	if c.Frequency.Width > 0 && c.Frequency.Width < w {
		frequencyW = c.Frequency.Width
	}
	return timelineW, c.Timeline.Height, frequencyW, c.Frequency.Height
}
