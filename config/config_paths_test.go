package config

import (
	"strings"
	"testing"
)

// A path in a config is read through an fs.FS rooted at the config's
// directory, so an absolute path can never be read: it is an error at its
// key, with a way out, not a puzzling "no such file" later.
func TestConfigRejectsAbsolutePaths(t *testing.T) {
	es := configErrors(t, `data = ["/srv/data/events.toml"]

[hyphenation]
patterns = "/usr/share/hyphen/hyph_en_US.dic"

[cover]
logo = "C:/logos/logo.png"
`)
	want := []string{
		`conf/config.toml:1:1: data: "/srv/data/events.toml" is an absolute path`,
		`conf/config.toml:4:1: hyphenation.patterns: "/usr/share/hyphen/hyph_en_US.dic" is an absolute path`,
		`conf/config.toml:7:1: cover.logo: "C:/logos/logo.png" is an absolute path`,
	}
	got := es.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q; got:\n%s", w, got)
		}
	}
}
