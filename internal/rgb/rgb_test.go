package rgb

import "testing"

func TestParse(t *testing.T) {
	for _, s := range []string{"#1f4e79", "#1F4E79"} {
		c, err := Parse(s)
		if err != nil || c != New(0x1f, 0x4e, 0x79) || c.String() != "#1f4e79" {
			t.Errorf("Parse(%q) = %+v, %v", s, c, err)
		}
	}
	for _, s := range []string{"1f4e79", "#1f4e7", "#1f4e79a", "#gggggg", "", "navy"} {
		var c Color
		err := c.UnmarshalText([]byte(s))
		if err == nil || c != (Color{}) {
			t.Errorf("%q: %+v, %v", s, c, err)
		}
	}
	if _, err := Parse("#1f4e7"); err == nil || err.Error() != `invalid colour "#1f4e7": want #rrggbb, like #1f4e79` {
		t.Errorf("message: %v", err)
	}
	if (Color{}).String() != "" {
		t.Error("an unset colour has a string")
	}
	if _, err := (Color{}).MarshalText(); err == nil {
		t.Error("an unset colour marshals")
	}
	if b, err := New(1, 2, 3).MarshalText(); err != nil || string(b) != "#010203" {
		t.Errorf("MarshalText: %q, %v", b, err)
	}
}
