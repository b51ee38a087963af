package config

import (
	"path"
	"strings"
)

// FontFace is one font file of FontFiles and the face it replaces
// ("serif-bold").
type FontFace struct{ Face, File string }

// Faces lists the files by face name, in a fixed order.
func (f *FontFiles) Faces() []FontFace {
	return []FontFace{
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

// OutsidePath says why p cannot name a file relative to the config, or ""
// when it can: an absolute path, or one that climbs above the config's
// directory. The report holds the files a section's Markdown names to it
// too.
func OutsidePath(p string) string {
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
	for i, f := range c.Fonts.Fallback {
		if !BuiltinFallback(f) {
			c.Fonts.Fallback[i] = resolvePath(dir, f)
		}
	}
	c.Cover.Logo = resolvePath(dir, c.Cover.Logo)
	c.Hyphenation.Patterns = resolvePath(dir, c.Hyphenation.Patterns)
	for i := range c.Import {
		c.Import[i].File = resolvePath(dir, c.Import[i].File)
	}
}
