package report

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

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

	// File is the config's fs.FS path ("" for the embedded default alone).
	File string `toml:"-"`
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
	c.resolve(".")
	return c, nil
}

// LoadConfig reads the layout config at path in fsys over the embedded
// default. Unknown keys and bad values are data.Errors with positions.
// Paths in the config are relative to its directory and come back as fs.FS
// paths.
func LoadConfig(fsys fs.FS, name string) (*Config, error) {
	src, err := readInput(fsys, name, maxConfigSize)
	if err != nil {
		return nil, data.Errors{{File: name, Msg: "cannot read config: " + pathErrMsg(err)}}
	}
	// Deep nesting and keys of thousands of parts make the TOML library
	// crawl: refuse them first, as the data loader does.
	if e := data.CheckNesting(name, src); e != nil {
		return nil, data.Errors{e}
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
	if c := path.Clean(p); c == ".." || strings.HasPrefix(c, "../") {
		return "climbs above the config's directory"
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
}

// decodeInto decodes src over c and checks the result.
func decodeInto(c *Config, file string, src []byte) error {
	var errs data.Errors
	md, err := toml.Decode(string(src), c)
	if err != nil {
		errs = append(errs, decodeError(file, string(src), err))
		return errs
	}
	undecoded := md.Undecoded()
	unknown := map[string]bool{}
	for _, k := range undecoded {
		unknown[k.String()] = true
	}
outer:
	for _, k := range undecoded {
		// A key inside an unknown table is not reported again.
		for n := 1; n < len(k); n++ {
			if unknown[k[:n].String()] {
				continue outer
			}
		}
		line, col := keyPosition(string(src), k)
		errs = append(errs, &data.Error{File: file, Line: line, Col: col,
			Msg: fmt.Sprintf("unknown key %q", k.String())})
	}
	errs = append(errs, c.check(file, string(src))...)
	errs.Sort()
	return errs.Err()
}

var lastKeyRE = regexp.MustCompile(`last key "([^"]*)"`)

// decodeError positions a decoding error: syntax errors and values that
// implement UnmarshalText carry a position; type mismatches name the key,
// which is found in the source.
func decodeError(file, src string, err error) *data.Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && pe.Usage == "" && !strings.Contains(msg, pe.LastKey) {
			msg = pe.LastKey + ": " + msg
		}
		return &data.Error{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: msg}
	}
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	if m := lastKeyRE.FindStringSubmatch(msg); m != nil {
		key := toml.Key(strings.Split(m[1], "."))
		line, col := keyPosition(src, key)
		if i := strings.Index(msg, "): "); i >= 0 {
			msg = msg[i+3:]
		}
		return &data.Error{File: file, Line: line, Col: col, Msg: m[1] + ": " + msg}
	}
	return &data.Error{File: file, Msg: msg}
}

// check validates values that TOML types cannot: ranges and combinations.
func (c *Config) check(file, src string) data.Errors {
	var errs data.Errors
	bad := func(key string, format string, args ...any) {
		line, col := keyPosition(src, toml.Key(strings.Split(key, ".")))
		errs = append(errs, &data.Error{File: file, Line: line, Col: col,
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
	// The output stays inside the config's folder too: a config someone
	// else wrote must not make a build overwrite a file elsewhere.
	if msg := outsidePath(c.Output); msg != "" {
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
	}
	for _, e := range enums {
		if err := e.u.UnmarshalText([]byte(e.v)); err != nil {
			bad(e.key, "%v", err)
		}
	}
	for key, list := range map[string][]BlockName{"blocks": c.Blocks, "new_page": c.NewPage} {
		for _, b := range list {
			if err := new(BlockName).UnmarshalText([]byte(b)); err != nil {
				bad(key, "%v", err)
			}
		}
	}
	if len(c.Blocks) == 0 {
		bad("blocks", "list at least one block")
	}
	seen := map[BlockName]bool{}
	for _, b := range c.Blocks {
		if seen[b] {
			bad("blocks", "%q is listed twice", b)
		}
		seen[b] = true
	}
	for i, b := range c.Blocks {
		if b == BlockCover && i != 0 {
			bad("blocks", "the cover must come first")
		}
	}
	m := c.Page.Margins
	for _, v := range []struct {
		key string
		v   float64
	}{{"page.margins.top", m.Top}, {"page.margins.bottom", m.Bottom},
		{"page.margins.left", m.Left}, {"page.margins.right", m.Right}} {
		if v.v < 0 {
			bad(v.key, "must not be negative")
		}
	}
	w, h := c.PageDimensions()
	if tw := w - m.Left - m.Right; tw < 144 {
		bad("page.margins", "leave %.1f pt of text width on this page; at least 144 pt (2 in) is needed", tw)
	}
	if th := h - m.Top - m.Bottom; th < 216 {
		bad("page.margins", "leave %.1f pt of text height on this page; at least 216 pt (3 in) is needed", th)
	}
	sizes := []struct {
		key    string
		v      float64
		lo, hi float64
	}{
		{"fonts.body_size", c.Fonts.BodySize, 5, 24},
		{"fonts.leading", c.Fonts.Leading, 5, 40},
		{"fonts.heading_size", c.Fonts.HeadingSize, 5, 40},
		{"fonts.title_size", c.Fonts.TitleSize, 8, 72},
		{"fonts.small_size", c.Fonts.SmallSize, 5, 24},
		{"timeline.height", c.Timeline.Height, 72, 2000},
		{"frequency.height", c.Frequency.Height, 72, 2000},
	}
	for _, s := range sizes {
		if s.v < s.lo || s.v > s.hi {
			bad(s.key, "%g is out of range [%g, %g]", s.v, s.lo, s.hi)
		}
	}
	if c.Fonts.Leading < c.Fonts.BodySize {
		bad("fonts.leading", "%g is less than the body size %g", c.Fonts.Leading, c.Fonts.BodySize)
	}
	for _, cw := range []struct {
		key string
		v   float64
	}{{"timeline.width", c.Timeline.Width}, {"frequency.width", c.Frequency.Width}} {
		if cw.v != 0 && (cw.v < 144 || cw.v > w-m.Left-m.Right+0.01) {
			bad(cw.key, "%g must be 0 (the text width) or from 144 to the text width, %.2f", cw.v, w-m.Left-m.Right)
		}
	}
	if c.Frequency.Top < 1 {
		bad("frequency.top", "must be at least 1")
	}
	if c.Timeline.MaxLabels < 0 {
		bad("timeline.max_labels", "must not be negative")
	}
	if c.Cover.LogoWidth <= 0 {
		bad("cover.logo_width", "must be positive")
	}
	if c.Language == "" {
		bad("language", "must not be empty")
	}
	for k := range c.Colors.Parties {
		if !validPartyID(k) {
			bad("colors.parties", "%q is not a party id", k)
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
		Top:      c.Frequency.Top,
		ShowRole: c.Frequency.ShowRole,
		Theme:    c.chartTheme(),
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

// keyPosition finds where key is defined in src: the line and column of
// its last component on a key/value line, inside an inline table, or on a
// table header. It returns 0, 0 when the key is not found.
func keyPosition(src string, key toml.Key) (line, col int) {
	var table []string
	lines := strings.Split(src, "\n")
	bestLine, bestCol := 0, 0
	for i, raw := range lines {
		l := strings.TrimSpace(stripComment(raw))
		if l == "" {
			continue
		}
		indent := strings.Index(raw, l) + 1
		if strings.HasPrefix(l, "[") {
			inner := strings.Trim(l, "[]")
			table = splitKey(inner)
			if hasPrefix(key, table) && len(table) == len(key) {
				return i + 1, indent + strings.Index(l, lastOf(table))
			}
			if bestLine == 0 && hasPrefix(key, table) {
				bestLine, bestCol = i+1, indent
			}
			continue
		}
		eq := strings.Index(l, "=")
		if eq < 0 {
			continue
		}
		full := append(append([]string{}, table...), splitKey(l[:eq])...)
		if !hasPrefix(key, full) {
			continue
		}
		if len(full) == len(key) {
			return i + 1, indent + strings.Index(l, lastOf(full))
		}
		// An inline table: look for the remaining key on this line.
		rest := key[len(full):]
		last := rest[len(rest)-1]
		if j := findKeyIn(l[eq:], last); j >= 0 {
			return i + 1, indent + eq + j
		}
		bestLine, bestCol = i+1, indent
	}
	return bestLine, bestCol
}

func findKeyIn(s, key string) int {
	for off := 0; ; {
		j := strings.Index(s[off:], key)
		if j < 0 {
			return -1
		}
		j += off
		after := strings.TrimLeft(s[j+len(key):], " \t\"'")
		before := byte(' ')
		if j > 0 {
			before = s[j-1]
		}
		if strings.HasPrefix(after, "=") && strings.ContainsRune("{ ,\t\"'", rune(before)) {
			return j
		}
		off = j + 1
	}
}

func lastOf(k []string) string {
	if len(k) == 0 {
		return ""
	}
	return k[len(k)-1]
}

func hasPrefix(key toml.Key, p []string) bool {
	if len(p) > len(key) {
		return false
	}
	for i := range p {
		if key[i] != p[i] {
			return false
		}
	}
	return true
}

func splitKey(s string) []string {
	parts := strings.Split(s, ".")
	out := parts[:0]
	for _, p := range parts {
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		out = append(out, p)
	}
	return out
}

// stripComment removes a # comment that is not inside a string.
func stripComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		ch := l[i]
		switch {
		case quote != 0:
			if ch == '\\' && quote == '"' {
				i++
			} else if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == '#':
			return l[:i]
		}
	}
	return l
}
