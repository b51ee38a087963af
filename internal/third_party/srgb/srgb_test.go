package srgb

import (
	"encoding/binary"
	"testing"
)

// TestProfile checks the header fields PDF/A validators read: an ICC
// version 2 display profile of RGB data with an XYZ connection space,
// whose size field matches the file.
func TestProfile(t *testing.T) {
	if len(Profile) < 128 {
		t.Fatalf("profile of %d bytes", len(Profile))
	}
	if n := binary.BigEndian.Uint32(Profile[0:4]); int(n) != len(Profile) {
		t.Errorf("header says %d bytes, file has %d", n, len(Profile))
	}
	if Profile[8] != 2 {
		t.Errorf("ICC version %d.%d; PDF/A-1 needs version 2", Profile[8], Profile[9]>>4)
	}
	for _, c := range []struct {
		at   int
		want string
	}{{12, "mntr"}, {16, "RGB "}, {20, "XYZ "}, {36, "acsp"}} {
		if got := string(Profile[c.at : c.at+4]); got != c.want {
			t.Errorf("bytes %d-%d %q, want %q", c.at, c.at+3, got, c.want)
		}
	}
}
