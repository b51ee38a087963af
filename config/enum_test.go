package config

import "testing"

// TestEnumDecode checks the config's enumerated values: the listed
// spelling is kept for a value given in another case where case does not
// matter, a bad value leaves the old one and says what is allowed, with a
// hint for a slip.
func TestEnumDecode(t *testing.T) {
	var size PageSize = "A4"
	if err := size.UnmarshalText([]byte("letter")); err != nil || size != "Letter" {
		t.Errorf("letter: %q, %v", size, err)
	}
	var o Orientation
	if err := o.UnmarshalText([]byte("Landscape")); err != nil || o != "landscape" {
		t.Errorf("Landscape: %q, %v", o, err)
	}
	var f Family = "serif"
	if err := f.UnmarshalText([]byte("Sans")); err == nil || f != "serif" {
		t.Errorf("family is case-sensitive: %q, %v", f, err)
	}
	var l Lanes = "track"
	err := l.UnmarshalText([]byte("parti"))
	if want := `timeline lanes must be track, kind or party, not "parti" (did you mean "party"?)`; err == nil || err.Error() != want || l != "track" {
		t.Errorf("parti: %q, %v; want %s", l, err, want)
	}
	var g FreqGroup
	if err := g.UnmarshalText([]byte("actr")); err == nil || err.Error() != `frequency group must be actor or party, not "actr" (did you mean "actor"?)` {
		t.Errorf("actr: %v", err)
	}
}
