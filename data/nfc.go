package data

import "golang.org/x/text/unicode/norm"

// composeText puts every string value of a decoded file into Unicode
// Normalization Form C, in place: "e" followed by U+0301 COMBINING ACUTE
// ACCENT becomes "é". The fonts are drawn one code point at a time,
// without shaping, so a decomposed accent would be drawn beside its
// letter ("e´"); composed, it is the letter's own glyph. Keys are left as
// written (they are ASCII ids); the source text, and so every position,
// is unchanged.
func composeText(v any) any {
	switch v := v.(type) {
	case string:
		if ascii(v) { // ASCII is in NFC; most strings are
			return v
		}
		if !norm.NFC.IsNormalString(v) {
			return norm.NFC.String(v)
		}
		return v
	case map[string]any:
		for k, e := range v {
			switch e.(type) {
			case string:
				if c := composeText(e); c != e { // no map write for the many unchanged
					v[k] = c
				}
			case map[string]any, []any, []map[string]any:
				composeText(e)
			}
		}
	case []any:
		for i, e := range v {
			v[i] = composeText(e)
		}
	case []map[string]any:
		for _, e := range v {
			composeText(e)
		}
	}
	return v
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
