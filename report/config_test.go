package report

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/data"
)

func loadConfigString(t *testing.T, src string) (*Config, error) {
	t.Helper()
	fsys := fstest.MapFS{"conf/config.toml": {Data: []byte(src)}}
	return LoadConfig(fsys, "conf/config.toml")
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
	c := DefaultConfig()
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
	if o := c.TimelineOptions(); o.Lanes != "track" || o.MaxLabels != c.Timeline.MaxLabels {
		t.Errorf("TimelineOptions %+v", o)
	}
	if o := c.FrequencyOptions(); o.Top != c.Frequency.Top || !o.ShowRole {
		t.Errorf("FrequencyOptions %+v", o)
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
	d := DefaultConfig()
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
			"conf/config.toml:2:2: ", `unknown key "colours"`},
		{"bad page size", "data = [\"d.toml\"]\n[page]\n  size = \"A9\"\n",
			"conf/config.toml:3:", `unknown page size "A9"`},
		{"bad colour", "data = [\"d.toml\"]\n[colors]\naccent = \"navy\"\n",
			"conf/config.toml:3:", "colour must be #rrggbb"},
		{"wrong type", "data = [\"d.toml\"]\n[fonts]\nbody_size = \"big\"\n",
			"conf/config.toml:3:1: ", "fonts.body_size"},
		{"bad block", "data = [\"d.toml\"]\nblocks = [\"cover\", \"apendix\"]\n",
			"conf/config.toml:2:", `unknown block "apendix"`},
		{"out of range", "data = [\"d.toml\"]\n[fonts]\nbody_size = 2\n",
			"conf/config.toml:3:1: ", "fonts.body_size: 2 is out of range"},
		{"no data", "output = \"x.pdf\"\n",
			"conf/config.toml", "data: at least one data file is required"},
		{"syntax", "data = [\"d.toml\"\n",
			"conf/config.toml:1:", "data"},
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
	_, err := LoadConfig(fstest.MapFS{}, "nope.toml")
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
