package report

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/config"
	"github.com/briefing-pdf/briefing/data"
)

// Items 2 and 25 of issue 12: every path in a config stays inside the
// config's directory. A path that climbs out with .. is an error at its
// key, as an absolute path is, and so is an output that would leave the
// directory (-o on the command line may go anywhere; a config may not).
func TestConfigPathsStayInsideTheFolder(t *testing.T) {
	es := configErrors(t, `data = ["events.toml", "../events.toml"]
output = "../../.bashrc"

[fonts.files]
serif = "fonts/../../serif.ttf"

[hyphenation]
patterns = ".."

[cover]
logo = "../x.png"
`)
	want := []string{
		`conf/config.toml:1:1: data: "../events.toml" climbs above the config's directory: give a path relative to the config's directory (copy the file beside the config)`,
		`conf/config.toml:2:1: output: "../../.bashrc" climbs above the config's directory: the config's output must stay inside its directory (write elsewhere with -o)`,
		`conf/config.toml:5:1: fonts.files.serif: "fonts/../../serif.ttf" climbs above the config's directory`,
		`conf/config.toml:8:1: hyphenation.patterns: ".." climbs above the config's directory`,
		`conf/config.toml:11:1: cover.logo: "../x.png" climbs above the config's directory`,
	}
	got := es.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q; got:\n%s", w, got)
		}
	}
	if len(es) != len(want) {
		t.Errorf("%d errors, want %d:\n%s", len(es), len(want), got)
	}
	es = configErrors(t, "data = [\"events.toml\"]\noutput = \"/home/someone/.bashrc\"\n")
	if got := es.Error(); !strings.Contains(got, `conf/config.toml:2:1: output: "/home/someone/.bashrc" is an absolute path`) {
		t.Errorf("absolute output: %s", got)
	}
	// Paths that only pass through a parent stay inside, and are fine.
	c, err := loadConfigString(t, "data = [\"a/../events.toml\"]\noutput = \"out/../b.pdf\"\n[cover]\nlogo = \"./img/logo.png\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Data[0] != "conf/events.toml" || c.Cover.Logo != "conf/img/logo.png" {
		t.Errorf("data %q, logo %q", c.Data, c.Cover.Logo)
	}
}

// Item 7 for configs: a config is TOML too, and its keys are capped as the
// data's are, before the TOML library sees them.
func TestConfigKeyDepthIsCapped(t *testing.T) {
	es := configErrors(t, "data = [\"events.toml\"]\n["+strings.TrimSuffix(strings.Repeat("a.", 30000), ".")+"]\nx = 1\n")
	if len(es) != 1 || es[0].Error() != "conf/config.toml:2:1: table header has more than 16 dotted parts" {
		t.Errorf("errors:\n%s", es)
	}
	es = configErrors(t, "data = "+strings.Repeat("[", 100)+"\n")
	if len(es) != 1 || !strings.Contains(es[0].Error(), "nest more than 64 deep") {
		t.Errorf("errors:\n%s", es)
	}
}

// Item 8: the config, fonts, logo and patterns are read only as regular
// files, and their caps hold on the bytes read.
func TestResourcesAreRegularFilesOfBoundedSize(t *testing.T) {
	conf := "data = [\"data.toml\"]\n[fonts.files]\nserif = \"f.ttf\"\n[cover]\nlogo = \"l.png\"\n[hyphenation]\npatterns = \"p.tex\"\n"
	fsys := miniFS(t, conf, nil)
	fsys["b/f.ttf"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	fsys["b/l.png"] = &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice}
	fsys["b/p.tex"] = &fstest.MapFile{Mode: fs.ModeDir}
	_, err := buildFS(t, fsys)
	var es data.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v", err)
	}
	for _, w := range []string{
		"b/f.ttf: font for face serif: is a named pipe (FIFO), not a regular file",
		"b/p.tex: hyphenation patterns: is a directory, not a file",
	} {
		if !strings.Contains(es.Error(), w) {
			t.Errorf("errors lack %q:\n%s", w, es)
		}
	}
	fsys = miniFS(t, "data = [\"data.toml\"]\n[cover]\nlogo = \"l.png\"\n", nil)
	fsys["b/l.png"] = &fstest.MapFile{Mode: fs.ModeDevice | fs.ModeCharDevice}
	if _, err := buildFS(t, fsys); err == nil || !strings.Contains(err.Error(), "b/l.png: cover.logo: is a character device, not a regular file") {
		t.Errorf("logo: %v", err)
	}
	// A config larger than its cap (1 MiB) is refused unparsed.
	big := fstest.MapFS{"config.toml": {Data: []byte("data = [\"d.toml\"]\n" + strings.Repeat("#", config.MaxSize))}}
	if _, err := LoadConfig(big, "config.toml"); err == nil || !strings.Contains(err.Error(), "config.toml: cannot read config: file too large") {
		t.Errorf("big config: %v", err)
	}
	fifo := fstest.MapFS{"config.toml": {Mode: fs.ModeNamedPipe}}
	if _, err := LoadConfig(fifo, "config.toml"); err == nil || !strings.Contains(err.Error(), "config.toml: cannot read config: is a named pipe (FIFO)") {
		t.Errorf("config pipe: %v", err)
	}
}
