package report

import (
	"testing"
)

// The default config hyphenates English with plain TeX's patterns; a
// built-in language gets its own (French: hyph-utf8's); a language with
// none (Azerbaijani) or written right to left gets no hyphens; enabled =
// false turns it off.
func TestBuiltinHyphenation(t *testing.T) {
	cases := []struct {
		config string
		want   bool
	}{
		{"data = [\"d.toml\"]\n", true},
		{"data = [\"d.toml\"]\nlanguage = \"en-GB\"\n", true},
		{"data = [\"d.toml\"]\nlanguage = \"fr\"\n", true},
		{"data = [\"d.toml\"]\nlanguage = \"az\"\n", false},
		{"data = [\"d.toml\"]\nlanguage = \"ar\"\n", false},
		{"data = [\"d.toml\"]\n[hyphenation]\nenabled = false\n", false},
	}
	for _, c := range cases {
		cfg, err := loadConfigString(t, c.config)
		if err != nil {
			t.Fatal(err)
		}
		res, err := loadResources(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.settings.Hyphenator != nil; got != c.want {
			t.Errorf("%q: hyphenation %v, want %v", c.config, got, c.want)
			continue
		}
		if c.want && cfg.Language != "fr" {
			// Liang's patterns break "hyphenation" as hy-phen-ation.
			if pts := res.settings.Hyphenator.Hyphenate("hyphenation"); len(pts) == 0 {
				t.Errorf("%q: the built-in patterns find no break in \"hyphenation\"", c.config)
			}
		}
		if c.want && cfg.Language == "fr" {
			// hyph-fr.tex: consti-tu-tion (English would give con-sti-tu-tion).
			if pts := res.settings.Hyphenator.Hyphenate("constitution"); len(pts) != 2 || pts[0] != 6 {
				t.Errorf("%q: constitution breaks at %v, want the French [6 8]", c.config, pts)
			}
		}
		notice := hyphenationNotice(cfg)
		if want := !c.want && cfg.Hyphenation.Enabled; (notice != nil) != want {
			t.Errorf("%q: notice %v, want one: %v", c.config, notice, want)
		}
		if notice != nil && (notice.Pos.File != "conf/config.toml" || notice.Pos.Line != 2 || notice.Pos.Col != 1) {
			t.Errorf("%q: notice at %+v, want the language key, conf/config.toml:2:1", c.config, notice.Pos)
		}
	}
}
