package report

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-pdf/briefing/internal/i18n"
)

// starterFS is `briefing init`'s starter (cmd/briefing/starter) with
// language set in its config.
func starterFS(t *testing.T, language string) fstest.MapFS {
	t.Helper()
	src := os.DirFS("../cmd/briefing/starter")
	out := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		if p == "config.toml" {
			b = []byte("language = " + `"` + language + `"` + "\n" + string(b))
		}
		out[p] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// squeeze makes every run of spaces (no-break ones too) one space, so
// that text the PDF writes in pieces and text broken across lines
// compare equal; a hyphen at a line break goes.
func squeeze(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			return ' '
		}
		if r == '\u00ad' {
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, "- ", "")
}

// hasWords reports whether text holds words as whole words: no letter
// just before or after.
func hasWords(text, words string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], words)
		if j < 0 {
			return false
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(text[:at])
		after, _ := utf8.DecodeRuneInString(text[at+len(words):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = at + 1
	}
}

var placeholderSplit = regexp.MustCompile(`\{[a-z0-9_]+\}`)

// englishFragments lists, for each English message, its longest piece
// between placeholders: what would show if the message were left in
// English. Pieces of fewer than four letters are too common to tell.
func englishFragments() map[string]string {
	en := i18n.English()
	out := map[string]string{}
	for _, id := range i18n.IDs() {
		var texts []string
		if strings.HasPrefix(id, "date.months") || id == "date.quarters" {
			texts = en.List(id)
		} else {
			texts = []string{en.T(id, "n", 2)}
		}
		for i, s := range texts {
			best := ""
			for _, piece := range placeholderSplit.Split(s, -1) {
				if len(squeeze(piece)) > len(squeeze(best)) {
					best = piece
				}
			}
			letters := 0
			for _, r := range best {
				if unicode.IsLetter(r) {
					letters++
				}
			}
			if letters >= 4 {
				out[id+"#"+string(rune('a'+i))] = best
			}
		}
	}
	return out
}

// TestStarterInEveryLanguage builds the starter briefing in each built-in
// language and searches its text for the English messages: none may be
// left, but for a word the language writes the same way or the starter's
// own (English) data holds. The English build finds them, which shows the
// search works.
func TestStarterInEveryLanguage(t *testing.T) {
	frags := englishFragments()
	for _, lang := range i18n.Languages {
		t.Run(lang, func(t *testing.T) {
			fsys := starterFS(t, lang)
			b, cfg := loadFS(t, fsys, "config.toml")
			raw, _, err := buildPDF(b, cfg, fsys, Options{})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			doc := readPDF(t, raw)
			text := squeeze(doc.allText())
			var dataText strings.Builder
			for _, f := range b.Files {
				src, _ := fs.ReadFile(fsys, f)
				dataText.Write(src)
			}
			dataText.WriteString(cfg.Cover.Distribution)
			inData := squeeze(dataText.String())
			loc := cfg.Locale()
			found := 0
			for id, frag := range frags {
				f := strings.TrimSpace(squeeze(frag))
				if !hasWords(text, f) || strings.Contains(inData, f) {
					continue
				}
				mid, _, _ := strings.Cut(id, "#")
				if lang != "en" && loc.Translated(mid) && strings.Contains(squeeze(localizedText(loc, mid)), f) {
					continue // the same word in this language ("Date", "Sources")
				}
				found++
				if lang != "en" {
					t.Errorf("English %s %q is in the PDF", mid, frag)
				}
			}
			if lang == "en" {
				t.Logf("%d English messages found in the English build", found)
			}
			if lang == "en" && found < 15 {
				t.Errorf("found only %d English messages in the English build; the search is broken", found)
			}
			// The dates and the chart's axis are in the language.
			for _, want := range []string{loc.Date(b.Meta.Date, i18n.Day), loc.ShortMonth(2), loc.T("running.page", "page", 2, "pages", doc.pages())} {
				if !strings.Contains(text, squeeze(want)) {
					t.Errorf("%q is not in the PDF", want)
				}
			}
		})
	}
}

// localizedText is every form of a message in loc, joined.
func localizedText(loc *i18n.Locale, id string) string {
	if strings.HasPrefix(id, "date.months") || id == "date.quarters" {
		return strings.Join(loc.List(id), " ")
	}
	return loc.T(id, "n", 1) + " " + loc.T(id, "n", 2) + " " + loc.T(id, "n", 5)
}

// TestLabelsOverride: [labels] replaces a message, and a bad label is an
// error at its key.
func TestLabelsOverride(t *testing.T) {
	fsys := starterFS(t, "fr")
	cfg := string(fsys["config.toml"].Data) + "\n[labels]\nheading.contents = \"Table des matières\"\n\"running.page\" = \"{page}/{pages}\"\n"
	fsys["config.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	b, c := loadFS(t, fsys, "config.toml")
	raw, _, err := buildPDF(b, c, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(readPDF(t, raw).allText())
	for _, want := range []string{"Table des matières", "2/5"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not in the PDF", want)
		}
	}
	if strings.Contains(text, "Sommaire") {
		t.Error("the built-in heading is still there")
	}

	bad := "language = \"de\"\ndata = [\"data/briefing.toml\"]\n[labels]\nheading.contens = \"x\"\nrunning.page = \"{page} von {total}\"\n"
	fsys["config.toml"] = &fstest.MapFile{Data: []byte(bad)}
	_, err = LoadConfig(fsys, "config.toml")
	got := ""
	if err != nil {
		got = err.Error()
	}
	for _, want := range []string{
		`config.toml:4:1: labels.heading.contens: unknown message "heading.contens" (did you mean "heading.contents"?)`,
		`config.toml:5:1: labels.running.page: unknown placeholder {total}; the message has {pages}, {page}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q lack %q", got, want)
		}
	}
}

// TestDocsListLabels: docs/config.md lists every message id [labels]
// takes.
func TestDocsListLabels(t *testing.T) {
	doc, err := os.ReadFile("../docs/config.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range i18n.IDs() {
		if !strings.Contains(string(doc), "| `"+id+"` |") {
			t.Errorf("docs/config.md does not list the label %s", id)
		}
	}
}

// A label's character the font lacks is an error at the label's key.
func TestLabelGlyphError(t *testing.T) {
	fsys := starterFS(t, "en")
	cfg := string(fsys["config.toml"].Data) + "\n[labels]\nheading.contents = \"Contents ⍟\"\n"
	fsys["config.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	b, c := loadFS(t, fsys, "config.toml")
	_, _, err := buildPDF(b, c, fsys, Options{})
	line := strings.Count(cfg[:strings.Index(cfg, "heading.contents")], "\n") + 1
	want := "config.toml:" + itoa(line) + ":1: labels.heading.contents: character U+235F"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// A language without built-in messages is told, at the language key.
func TestLanguageNotice(t *testing.T) {
	for _, c := range []struct {
		lang string
		want bool
	}{{"pt-BR", true}, {"fr-CA", false}, {"en", false}, {"hy", false}} {
		cfg, err := loadConfigString(t, "data = [\"d.toml\"]\nlanguage = \""+c.lang+"\"\n")
		if err != nil {
			t.Fatal(err)
		}
		n := languageNotice(cfg)
		if (n != nil) != c.want {
			t.Errorf("%s: notice %v, want %v", c.lang, n, c.want)
		}
		if n != nil && (n.Pos.Line != 2 || !n.Notice || !strings.Contains(n.Msg, "are English")) {
			t.Errorf("%s: notice %+v", c.lang, n)
		}
	}
}
