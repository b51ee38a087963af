package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/rgb"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// testStyle numbers citations in order of first appearance, as the
// document does.
func testStyle() (inlineStyle, *[]data.ID) {
	var cited []data.ID
	num := map[data.ID]int{}
	st := inlineStyle{Family: "serif", Size: 10, Heading: "sans", Link: rgb.New(1, 2, 3),
		Cite: func(id data.ID) (int, string, error) {
			if id == "missing" {
				return 0, "", fmt.Errorf("citation of %q: no event or source has this id", id)
			}
			cited = append(cited, id)
			if _, ok := num[id]; !ok {
				num[id] = len(num) + 1
			}
			return num[id], fmt.Sprintf("cite-%d", len(cited)), nil
		}}
	return st, &cited
}

// show renders runs as text with markup: *italic*, **bold**, ^sup^,
// [text](url), [n→dest].
func show(runs []typeset.Run) string {
	var b strings.Builder
	for _, r := range runs {
		t, _ := r.Style.Tag.(tag)
		s := r.Text
		switch {
		case r.Style.Rise > 0 && t.Dest != "":
			s = "^" + s + "→" + t.Dest + "^"
		case r.Style.Rise > 0:
			s = "^" + s + "^"
		case t.URL != "":
			s = "[" + s + "](" + t.URL + ")"
		case strings.HasSuffix(fonts.FaceOf(r.Style.Font), "-bold"):
			s = "**" + s + "**"
		case strings.HasSuffix(fonts.FaceOf(r.Style.Font), "-italic"):
			s = "*" + s + "*"
		}
		b.WriteString(s)
	}
	return b.String()
}

func TestMarkdownInline(t *testing.T) {
	st, cited := testStyle()
	paras, err := renderMarkdown("Talks *began* in **May** [@a], see [the site](https://example.org/x) [@b] [@a; @c].\n"+
		"A [plain bracket] and `code`.", st)
	if err != nil {
		t.Fatal(err)
	}
	if len(paras) != 1 {
		t.Fatalf("%d paragraphs, want 1", len(paras))
	}
	got := show(paras[0].Runs)
	want := "Talks *began* in **May**^1→note-1^, see [the site](https://example.org/x)^2→note-2^^,^^1→note-1^^,^^3→note-3^. " +
		"A [plain bracket] and code."
	if got != want {
		t.Errorf("got\n  %s\nwant\n  %s", got, want)
	}
	if fmt.Sprint(*cited) != "[a b a c]" {
		t.Errorf("cited %v", *cited)
	}
	// Each citation carries its own anchor, for the back-references.
	var anchors []string
	for _, r := range paras[0].Runs {
		if a := r.Style.Tag.(tag).Anchor; a != "" {
			anchors = append(anchors, a)
		}
	}
	if fmt.Sprint(anchors) != "[cite-1 cite-2 cite-3 cite-4]" {
		t.Errorf("anchors %v", anchors)
	}
}

func TestMarkdownBlocks(t *testing.T) {
	st, _ := testStyle()
	src := "Intro.\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n\n## Sub\n\nEnd."
	paras, err := renderMarkdown(src, st)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range paras {
		got = append(got, fmt.Sprintf("%d/%d/%q/%v:%s", p.Level, p.Quote, p.Marker, p.Heading, show(p.Runs)))
	}
	want := []string{
		`0/0/""/false:Intro.`,
		`1/0/"•"/false:one`,
		`1/0/"•"/false:two`,
		`2/0/"–"/false:nested`,
		`1/0/"1."/false:first`,
		`1/0/"2."/false:second`,
		`0/1/""/false:quoted`,
		`0/0/""/true:**Sub**`,
		`0/0/""/false:End.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Each top-level list is marked where it starts, so that two lists in
	// a row are set apart.
	var starts []int
	for i, p := range paras {
		if p.Start {
			starts = append(starts, i)
		}
	}
	if fmt.Sprint(starts) != "[1 4]" {
		t.Errorf("lists start at paragraphs %v, want [1 4]", starts)
	}
}

func TestMarkdownUnknownCitation(t *testing.T) {
	st, _ := testStyle()
	_, err := renderMarkdown("Text [@missing].", st)
	if err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Fatalf("err = %v", err)
	}
}
