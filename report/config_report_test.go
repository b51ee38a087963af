package report

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/config"
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

// The chart options follow the default config.
func TestDefaultChartOptions(t *testing.T) {
	c := DefaultConfig()
	if o := timelineOptions(c); o.Lanes != "track" || o.MaxLabels != c.Timeline.MaxLabels {
		t.Errorf("timelineOptions %+v", o)
	}
	if o := frequencyOptions(c); o.Top != c.Frequency.Top || !o.ShowRole {
		t.Errorf("frequencyOptions %+v", o)
	}
}

// The config's frequency groups are the ones the chart knows: a group the
// config accepts but the chart does not would draw the wrong bars.
func TestFreqGroupsAreTheCharts(t *testing.T) {
	if config.GroupActor != charts.GroupActor || config.GroupParty != charts.GroupParty {
		t.Errorf("config groups %q, %q; charts groups %q, %q", config.GroupActor, config.GroupParty, charts.GroupActor, charts.GroupParty)
	}
	for _, g := range []string{charts.GroupActor, charts.GroupParty} {
		var fg FreqGroup
		if err := fg.UnmarshalText([]byte(g)); err != nil {
			t.Errorf("config refuses the chart's group %q: %v", g, err)
		}
	}
}

// A character the font lacks in the config's header or footer text is
// blamed on the config key that holds it, not on the data's [briefing]
// (issue 12, item 27); a placeholder's value is blamed where it comes from.
func TestRunningTextGlyphsBlameTheConfigKey(t *testing.T) {
	// Egyptian hieroglyphs: in no built-in face nor fallback.
	conf := "data = [\"data.toml\"]\n\n[header]\nleft = \"Draft 𓀀 {title}\"\n\n[footer]\n  right = \"𓀁𓀂 {page}\"\n"
	_, err := buildFS(t, miniFS(t, conf, nil))
	if err == nil {
		t.Fatal("a header character no font has built without error")
	}
	var es data.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v (%T) is not data.Errors", err, err)
	}
	want := []string{
		`b/config.toml:4:1: header.left: character U+13000 '𓀀' is not in font sans`,
		`b/config.toml:7:3: footer.right: character U+13001 '𓀁' is not in font sans`,
		`b/config.toml:7:3: footer.right: character U+13002 '𓀂' is not in font sans`,
	}
	if len(es) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(es), len(want), es)
	}
	for i, w := range want {
		if !strings.HasPrefix(es[i].Error(), w) {
			t.Errorf("error %d:\n got %s\nwant %s…", i, es[i], w)
		}
	}
}
