// Package rgb is the program's one colour type: an sRGB colour, 8 bits a
// channel, written "#rrggbb" in the data and the config, and drawn as
// such. data.Color, report.Color and the display list's frames.Color are
// names for it.
package rgb

import (
	"errors"
	"fmt"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// Color is an sRGB colour. Set tells a colour that was given from the
// zero Color, which means "none given" (a party without a colour); the
// channels alone decide how it is drawn.
type Color struct {
	R, G, B uint8
	Set     bool
}

// New is the colour r, g, b, set.
func New(r, g, b uint8) Color { return Color{R: r, G: g, B: b, Set: true} }

// Parse reads a colour written #rrggbb (hex digits in either case).
func Parse(s string) (Color, error) {
	bad := fmt.Errorf("invalid colour %s: want #rrggbb, like #1f4e79", diag.Quote(s))
	if len(s) != 7 || s[0] != '#' {
		return Color{}, bad
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return Color{}, bad
		}
		v[i] = hi<<4 | lo
	}
	return New(v[0], v[1], v[2]), nil
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// UnmarshalText accepts a colour written #rrggbb, as Parse does.
func (c *Color) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// MarshalText returns "#rrggbb", or an error for an unset colour.
func (c Color) MarshalText() ([]byte, error) {
	if !c.Set {
		return nil, errors.New("colour not set")
	}
	return []byte(c.String()), nil
}

// String returns "#rrggbb" in lowercase, or "" for an unset colour.
func (c Color) String() string {
	if !c.Set {
		return ""
	}
	return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
}
