package shape

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/harfbuzz"
)

// Features is a set of OpenType feature settings on top of HarfBuzz's
// defaults. With no settings, a run gets what HarfBuzz (and hb-shape,
// LuaHBTeX, Typst) apply by default: kern, liga, clig, calt, mark,
// mkmk, ccmp, locl, rlig, the script's required features (Arabic init,
// medi, fina, isol…), and nothing else. A setting turns a feature on
// ("onum", "smcp", "tnum", "ss01", "salt=2") or off ("-kern", "-liga").
//
// The zero Features is the defaults. Features is comparable, so it can
// be part of a map key.
type Features struct {
	key string // canonical: sorted "tag=value" joined by ","; "" for the defaults
}

// Default is HarfBuzz's default feature set.
var Default = Features{}

// ParseFeatures parses feature settings in HarfBuzz's and CSS's syntax:
// "tag" or "+tag" (on), "-tag" (off), "tag=N" (value N, e.g. the Nth
// alternate). A tag is one to four printable ASCII characters (shorter
// ones are padded with spaces, as in OpenType). A later setting of the
// same tag wins. Ranges ("kern[3:5]") are refused: features apply to
// whole runs.
func ParseFeatures(settings []string) (Features, error) {
	vals := map[string]uint32{}
	for _, s := range settings {
		t := strings.TrimSpace(s)
		if t == "" {
			return Features{}, fmt.Errorf("empty feature setting")
		}
		if strings.ContainsAny(t, "[]:") {
			return Features{}, fmt.Errorf("feature %q: ranges are not supported; a feature applies to the whole text", s)
		}
		var tag string
		var val uint32 = 1
		switch {
		case t[0] == '-':
			tag, val = t[1:], 0
		case t[0] == '+':
			tag = t[1:]
		default:
			tag = t
		}
		if i := strings.IndexByte(tag, '='); i >= 0 {
			if t[0] == '-' {
				return Features{}, fmt.Errorf("feature %q: give either -tag or tag=N", s)
			}
			n, err := strconv.ParseUint(strings.TrimSpace(tag[i+1:]), 10, 32)
			if err != nil {
				return Features{}, fmt.Errorf("feature %q: the value after = must be a whole number 0 or more", s)
			}
			tag, val = strings.TrimSpace(tag[:i]), uint32(n)
		}
		if err := checkTag(tag); err != nil {
			return Features{}, fmt.Errorf("feature %q: %v", s, err)
		}
		for len(tag) < 4 {
			tag += " "
		}
		vals[tag] = val
	}
	keys := make([]string, 0, len(vals))
	for t := range vals {
		keys = append(keys, t)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, t := range keys {
		parts[i] = t + "=" + strconv.FormatUint(uint64(vals[t]), 10)
	}
	return Features{key: strings.Join(parts, ",")}, nil
}

// MustParseFeatures is ParseFeatures for settings known to be valid; it
// panics on an error.
func MustParseFeatures(settings ...string) Features {
	f, err := ParseFeatures(settings)
	if err != nil {
		panic(err)
	}
	return f
}

func checkTag(tag string) error {
	if len(tag) == 0 || len(tag) > 4 {
		return fmt.Errorf("a feature tag has 1 to 4 characters")
	}
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c < 0x21 || c > 0x7e {
			return fmt.Errorf("a feature tag is printable ASCII without spaces")
		}
	}
	return nil
}

// String gives the settings in ParseFeatures's syntax ("onum,-kern"), ""
// for the defaults.
func (f Features) String() string {
	if f.key == "" {
		return ""
	}
	var parts []string
	for _, p := range strings.Split(f.key, ",") {
		tag, val, _ := strings.Cut(p, "=")
		tag = strings.TrimRight(tag, " ")
		switch val {
		case "0":
			parts = append(parts, "-"+tag)
		case "1":
			parts = append(parts, tag)
		default:
			parts = append(parts, tag+"="+val)
		}
	}
	return strings.Join(parts, ",")
}

// harfbuzz converts the settings for the shaper, each over the whole
// buffer.
func (f Features) harfbuzz() []harfbuzz.Feature {
	if f.key == "" {
		return nil
	}
	parts := strings.Split(f.key, ",")
	out := make([]harfbuzz.Feature, len(parts))
	for i, p := range parts {
		tag, val, _ := strings.Cut(p, "=")
		n, _ := strconv.ParseUint(val, 10, 32)
		out[i] = harfbuzz.Feature{
			Tag:   ot.NewTag(tag[0], tag[1], tag[2], tag[3]),
			Value: uint32(n),
			Start: harfbuzz.FeatureGlobalStart,
			End:   harfbuzz.FeatureGlobalEnd,
		}
	}
	return out
}
