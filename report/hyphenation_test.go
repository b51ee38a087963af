package report

import (
	"testing"
)

// The default config hyphenates English with plain TeX's patterns; another
// language gets no English hyphens; enabled = false turns it off.
func TestBuiltinHyphenation(t *testing.T) {
	cases := []struct {
		config string
		want   bool
	}{
		{"data = [\"d.toml\"]\n", true},
		{"data = [\"d.toml\"]\nlanguage = \"en-GB\"\n", true},
		{"data = [\"d.toml\"]\nlanguage = \"fr\"\n", false},
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
		if c.want {
			// Liang's patterns break "hyphenation" as hy-phen-ation.
			if pts := res.settings.Hyphenator.Hyphenate("hyphenation"); len(pts) == 0 {
				t.Errorf("%q: the built-in patterns find no break in \"hyphenation\"", c.config)
			}
		}
	}
}
