package data

import (
	"os"
	"os/exec"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, even on machines without zoneinfo
)

// TestTimeZoneIndependence loads the fixture in child processes running
// in time zones far east and west of UTC: the TOML library gives local
// dates the zone's offset at start-up, and the loader must still return
// UTC midnight of the written calendar date.
func TestTimeZoneIndependence(t *testing.T) {
	if zone := os.Getenv("BRIEFING_TZ_CHILD"); zone != "" {
		checkFixtureDates(t, zone)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	for _, zone := range []string{"Pacific/Auckland", "Pacific/Honolulu", "Pacific/Kiritimati", "UTC"} {
		cmd := exec.Command(exe, "-test.run=^TestTimeZoneIndependence$", "-test.v")
		cmd.Env = append(os.Environ(), "TZ="+zone, "BRIEFING_TZ_CHILD="+zone)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("in %s: %v\n%s", zone, err, out)
		}
	}
}

func checkFixtureDates(t *testing.T, zone string) {
	if got := time.Local.String(); got != zone && !(zone == "UTC" && got == "UTC") {
		t.Fatalf("time.Local is %q, want %q", got, zone)
	}
	b, err := Load(os.DirFS("testdata"), []string{"valid.toml"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want time.Time) {
		t.Helper()
		if !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s: %s: got %v, want %v", zone, what, got, want)
		}
	}
	check("briefing date", b.Meta.Date, date(2024, 1, 15))
	check("period start", b.Meta.Period.Start, date(2023, 1, 1))
	check("period end", b.Meta.Period.End, date(2023, 12, 31))
	e := b.Event("round-1")
	check("event date", e.Date, date(2023, 5, 1))
	check("event end", e.End, date(2023, 5, 4))
	check("source date", b.Source("state-1").Date, date(2023, 5, 4))
	if got := e.DateString(); got != "1–4 May 2023" {
		t.Errorf("%s: DateString %q", zone, got)
	}
	if got := b.Chronology()[0].ID; got != "call-jan" {
		t.Errorf("%s: first event %q", zone, got)
	}
}
