package hyphenation_test

import (
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/internal/hyphenation"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// TestBuiltinPatterns parses every built-in patterns file and hyphenates
// a word of its language where its patterns say.
func TestBuiltinPatterns(t *testing.T) {
	words := map[string][2]string{
		"en": {"hyphenation", "hy-phen-ation"},
		"fr": {"constitution", "consti-tu-tion"}, // .cons4 keeps "cons-" whole
		"de": {"Verhandlungen", "Ver-hand-lun-gen"},
		"es": {"negociaciones", "ne-go-cia-cio-nes"},
		"ru": {"переговоры", "пе-ре-го-во-ры"},
		"tr": {"görüşmeler", "gö-rüş-me-ler"},
		"hy": {"բանակցություններ", ""},
	}
	for _, lang := range hyphenation.Languages() {
		p, r, ok := hyphenation.For(lang)
		if !ok {
			t.Fatalf("%s: no patterns", lang)
		}
		h, err := typeset.ParseHyphenation(r)
		if err != nil {
			t.Fatalf("%s: %s: %v", lang, p.File, err)
		}
		h.LeftMin, h.RightMin = p.LeftMin, p.RightMin
		w := words[lang]
		word := strings.ToLower(w[0])
		got := split(word, h.Hyphenate(word))
		if w[1] == "" {
			if !strings.Contains(got, "-") {
				t.Errorf("%s: %q is not hyphenated at all", lang, word)
			}
			t.Logf("%s: %s", lang, got)
			continue
		}
		if got != strings.ToLower(w[1]) {
			t.Errorf("%s: %q hyphenates as %q, want %q", lang, word, got, w[1])
		}
	}
	if _, _, ok := hyphenation.For("az"); ok {
		t.Error("az has patterns, but hyph-utf8 has none")
	}
}

// split puts a hyphen at each of the byte offsets at.
func split(word string, at []int) string {
	var b strings.Builder
	last := 0
	for _, k := range at {
		b.WriteString(word[last:k] + "-")
		last = k
	}
	return b.String() + word[last:]
}
