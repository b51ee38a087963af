package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// CheckFeatures checks the syntax of OpenType feature settings of
// [fonts.features] ("onum", "+smcp", "-kern", "salt=2"), with the
// messages of internal/shape's ParseFeatures, which reads them when
// text is shaped (this package may not import the shaper; a test in
// report checks that the two agree).
func CheckFeatures(settings []string) error {
	for _, s := range settings {
		if err := checkFeature(s); err != nil {
			return err
		}
	}
	return nil
}

func checkFeature(s string) error {
	t := strings.TrimSpace(s)
	if t == "" {
		return errors.New("empty feature setting")
	}
	if strings.ContainsAny(t, "[]:") {
		return fmt.Errorf("feature %q: ranges are not supported; a feature applies to the whole text", s)
	}
	tag := t
	if t[0] == '-' || t[0] == '+' {
		tag = t[1:]
	}
	if i := strings.IndexByte(tag, '='); i >= 0 {
		if t[0] == '-' {
			return fmt.Errorf("feature %q: give either -tag or tag=N", s)
		}
		if _, err := strconv.ParseUint(strings.TrimSpace(tag[i+1:]), 10, 32); err != nil {
			return fmt.Errorf("feature %q: the value after = must be a whole number 0 or more", s)
		}
		tag = strings.TrimSpace(tag[:i])
	}
	if len(tag) == 0 || len(tag) > 4 {
		return fmt.Errorf("feature %q: a feature tag has 1 to 4 characters", s)
	}
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c < 0x21 || c > 0x7e {
			return fmt.Errorf("feature %q: a feature tag is printable ASCII without spaces", s)
		}
	}
	return nil
}
