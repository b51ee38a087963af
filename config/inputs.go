package config

// Input is a file a config names, by its fs path, and what it is
// for.
type Input struct {
	Path, What string
	Data       bool // a data file
}

// Inputs lists the files a build with c reads besides the config itself,
// in a fixed order: the data files, the fonts (by face), the logo, and
// the hyphenation patterns (listed with hyphenation off too, so that no
// output is written over them). Paths a config leaves
// empty are left out; the source texts the data files name are not
// listed (the data names them, see data.TextFiles). A file a build reads
// is listed here, or the server's snapshot and the watcher miss it: a test
// in internal/build checks every file Build opens against this list.
func (c *Config) Inputs() []Input {
	out := make([]Input, 0, len(c.Data)+10)
	for _, p := range c.Data {
		out = append(out, Input{Path: p, What: "a data file", Data: true})
	}
	for _, f := range c.Fonts.Files.Faces() {
		if f.File != "" {
			out = append(out, Input{Path: f.File, What: "the font for face " + f.Face})
		}
	}
	for _, f := range c.Fonts.Fallback {
		if c.Fonts.Shaping && !BuiltinFallback(f) { // read only when text is shaped
			out = append(out, Input{Path: f, What: "a fallback font"})
		}
	}
	if p := c.Cover.Logo; p != "" {
		out = append(out, Input{Path: p, What: "the logo"})
	}
	if p := c.Hyphenation.Patterns; p != "" {
		out = append(out, Input{Path: p, What: "the hyphenation patterns"})
	}
	return out
}
