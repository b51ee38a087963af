package data

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// Dates in the data run from 1000-01-01 to 9999-12-31. TOML writes a
// year with four digits, so this is every date whose year does not start
// with 0: a year like 0223 is far likelier a slip for 2023 than a date a
// briefing is about, and 0001-01-01 is Go's zero time, which the model
// reads as "no date". One documented range instead of the accident of
// the zero value (0000-01-01 was accepted while 0001-01-01 was not).
var (
	minDate = time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// dateInRange reports whether the UTC date t lies in the data's range.
func dateInRange(t time.Time) bool { return !t.Before(minDate) && !t.After(maxDate) }

// dateRange is the range in words, for messages.
func dateRange() string {
	return "want a date from " + minDate.Format("2006-01-02") + " to " + maxDate.Format("2006-01-02")
}

// validID reports whether s is an id: a lowercase ASCII letter or digit,
// then lowercase letters, digits and hyphens.
func validID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0:
		default:
			return false
		}
	}
	return true
}

// UnmarshalText accepts an id: [a-z0-9][a-z0-9-]*.
func (id *ID) UnmarshalText(b []byte) error {
	s := string(b)
	if !validID(s) {
		return fmt.Errorf("invalid id %s: want lowercase letters, digits and hyphens, starting with a letter or digit", diag.Quote(s))
	}
	*id = ID(s)
	return nil
}

// MarshalText returns the id.
func (id ID) MarshalText() ([]byte, error) { return []byte(id), nil }

// String returns the id.
func (id ID) String() string { return string(id) }

// UnmarshalText accepts an absolute http or https URL with a host.
func (u *URL) UnmarshalText(b []byte) error {
	s := string(b)
	bad := fmt.Errorf("invalid URL %s: want an http or https URL with a host, like https://example.org/page", diag.Quote(s))
	if strings.ContainsAny(s, " \t\r\n") {
		return bad
	}
	p, err := url.Parse(s)
	if err != nil {
		return bad
	}
	if sch := strings.ToLower(p.Scheme); sch != "http" && sch != "https" || p.Host == "" || p.Hostname() == "" {
		return bad
	}
	*u = URL(s)
	return nil
}

// MarshalText returns the URL.
func (u URL) MarshalText() ([]byte, error) { return []byte(u), nil }

// String returns the URL.
func (u URL) String() string { return string(u) }

// UnmarshalText accepts a colour written #rrggbb (hex digits in either case).
func (c *Color) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) != 7 || s[0] != '#' {
		return fmt.Errorf("invalid colour %s: want #rrggbb, like #1f4e79", diag.Quote(s))
	}
	var v [3]uint8
	for i := range v {
		hi, ok1 := hexDigit(s[1+2*i])
		lo, ok2 := hexDigit(s[2+2*i])
		if !ok1 || !ok2 {
			return fmt.Errorf("invalid colour %s: want #rrggbb, like #1f4e79", diag.Quote(s))
		}
		v[i] = hi<<4 | lo
	}
	*c = Color{R: v[0], G: v[1], B: v[2], Set: true}
	return nil
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

// UnmarshalText accepts "day", "month" or "year".
func (p *Precision) UnmarshalText(b []byte) error {
	switch string(b) {
	case "day":
		*p = Day
	case "month":
		*p = Month
	case "year":
		*p = Year
	default:
		return fmt.Errorf("invalid precision %s: want \"day\", \"month\" or \"year\"", diag.Quote(string(b)))
	}
	return nil
}

// MarshalText returns "day", "month" or "year".
func (p Precision) MarshalText() ([]byte, error) {
	switch p {
	case Day, Month, Year:
		return []byte(p.String()), nil
	}
	return nil, fmt.Errorf("invalid precision %d", int(p))
}

// String returns "day", "month" or "year" (or "Precision(n)" for an
// invalid value).
func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// enum lists the values UnmarshalText accepts, for the data file's schema.
func (*Precision) enum() []string { return []string{"day", "month", "year"} }
