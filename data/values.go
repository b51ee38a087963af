package data

import (
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

// ParseID checks an id: [a-z0-9][a-z0-9-]*. It is the one check of ids,
// in the data and in the config (colors.parties) alike.
func ParseID(s string) (ID, error) {
	if !validID(s) {
		return "", fmt.Errorf("invalid id %s: want lowercase letters, digits and hyphens, starting with a letter or digit", diag.Quote(s))
	}
	return ID(s), nil
}

// UnmarshalText accepts an id, as ParseID does.
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
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
