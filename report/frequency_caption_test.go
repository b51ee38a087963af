package report

import (
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/charts"
	"github.com/briefing-pdf/briefing/internal/i18n"
)

// The actor chart's caption states the counting rule (issue 13): only
// events in the period by default, with how many are left out.
func TestFrequencyCaptionStatesRule(t *testing.T) {
	raw, _ := builtinBuild(t)
	text := normalizeSpace(readPDF(t, raw).allText())
	for _, want := range []string{
		"An event counts once per actor, whatever its length, and only if it falls in the period, 1 January – 31 December 2023, wholly or in part",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the built-in briefing lacks %q in its caption", want)
		}
	}
	if strings.Contains(text, "hollow marker") {
		t.Error("the timeline caption still speaks of hollow markers, which are no longer drawn")
	}
}

func TestFrequencyNote(t *testing.T) {
	f := &charts.Frequency{Rows: make([]charts.FrequencyRow, 4), PeriodOnly: true, Outside: 3, TiedShown: 3, TiedEvents: 2}
	got := frequencyNote(i18n.English(), f, "2023")
	for _, want := range []string{"The 4 actors", "only if it falls in the period, 2023", "(3 events outside it are not counted)", "The 3 tied at 2 events at the cut are all shown."} {
		if !strings.Contains(got, want) {
			t.Errorf("note %q lacks %q", got, want)
		}
	}
	f = &charts.Frequency{Rows: make([]charts.FrequencyRow, 2), Group: charts.GroupParty}
	if got := frequencyNote(i18n.English(), f, "2023"); !strings.Contains(got, "The 2 parties (and actors without a party)") || !strings.Contains(got, "in or out of the period") {
		t.Errorf("note %q", got)
	}
}

func TestFrequencyConfig(t *testing.T) {
	c, err := loadConfigString(t, "data = [\"d.toml\"]\n[frequency]\nperiod_only = false\ngroup = \"party\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if o := frequencyOptions(c); o.PeriodOnly || o.Group != charts.GroupParty {
		t.Errorf("options %+v", o)
	}
	d := frequencyOptions(DefaultConfig())
	if !d.PeriodOnly || d.Group != charts.GroupActor {
		t.Errorf("defaults: period_only %v, group %q; want true, actor", d.PeriodOnly, d.Group)
	}
	es := configErrors(t, "data = [\"d.toml\"]\n[frequency]\ngroup = \"team\"\n")
	if len(es) != 1 || es[0].Line != 3 || !strings.Contains(es[0].Msg, "actor or party") {
		t.Errorf("errors %v", es)
	}
}
