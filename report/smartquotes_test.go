package report

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/internal/i18n"
)

func TestSmartQuotes(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", `The "Commission's" view -- and theirs...`, "The “Commission’s” view – and theirs…"},
		{"en", `He said "it's 'final'" --- twice.`, "He said “it’s ‘final’” — twice."},
		{"de", `Er sagte "Nein" - klar.`, "Er sagte „Nein“ – klar."},
		{"fr", `Il a dit "non" et l'accord tient.`, "Il a dit «\u00a0non\u00a0» et l’accord tient."},
		{"ru", `Он сказал "нет" и "да".`, "Он сказал «нет» и «да»."},
		{"hy", `"Այո"`, "«Այո»"},
		{"en", `in the '90s, rock 'n' roll`, "in the ’90s, rock ’n’ roll"},
		{"en", `"Quoted," she said.`, "“Quoted,” she said."},
	} {
		l, _ := i18n.New(c.lang, nil)
		if got := (&smartener{loc: l}).convert(c.in); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}

// TestSmartQuotesInPDF: a section's straight quotes print as the
// language's marks, code keeps them, and smart_quotes = false keeps
// everything as written.
func TestSmartQuotesInPDF(t *testing.T) {
	build := func(extra string) string {
		fsys := starterFS(t, "de")
		fsys["config.toml"] = &fstest.MapFile{Data: append(fsys["config.toml"].Data, []byte(extra)...)}
		src := string(fsys["data/briefing.toml"].Data)
		src = strings.Replace(src, "[[sections]]", "[[sections]]\nid = \"q\"\ntitle = \"Quotes\"\nbody = '''Die \"Kommission\" sagt -- nichts. Code: `\"x\"`.'''\n\n[[sections]]", 1)
		fsys["data/briefing.toml"] = &fstest.MapFile{Data: []byte(src)}
		b, cfg := loadFS(t, fsys, "config.toml")
		raw, _, err := buildPDF(b, cfg, fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return squeeze(readPDF(t, raw).allText())
	}
	text := build("")
	for _, want := range []string{"„Kommission“", "– nichts", `"x"`} {
		if !strings.Contains(text, want) {
			t.Errorf("smart: %q is not in the PDF", want)
		}
	}
	text = build("\n[typography]\nsmart_quotes = false\n")
	for _, want := range []string{`"Kommission"`, "sagt -"} {
		if !strings.Contains(text, want) {
			t.Errorf("smart_quotes = false: %q is not in the PDF", want)
		}
	}
	if strings.Contains(text, "– nichts") {
		t.Error("smart_quotes = false: the dashes are converted")
	}
}
