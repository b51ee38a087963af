package fpdf

// Tests of the PostScript font names (04-standards.diff).

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// baseFonts returns the /BaseFont names of the document's Type0 fonts.
func baseFonts(t *testing.T, postScript bool) []string {
	t.Helper()
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.SetPostScriptFontNames(postScript)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.AddPage()
	pdf.SetFont("serif", "", 12)
	pdf.Text(72, 72, "serif")
	pdf.SetFont("sans", "B", 12)
	pdf.Text(72, 90, "sans bold")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`/Subtype /Type0\n/BaseFont /(\S+)`)
	var names []string
	for _, m := range re.FindAllSubmatch(buf.Bytes(), -1) {
		names = append(names, string(m[1]))
	}
	sort.Slice(names, func(i, j int) bool { return names[i][7:] < names[j][7:] })
	// The descendant font and the descriptor say the same name.
	for _, n := range names {
		if c := bytes.Count(buf.Bytes(), []byte("/"+n+"\n")); c != 3 {
			t.Errorf("%s appears %d times as a name, want 3 (Type0, CIDFont, descriptor)", n, c)
		}
	}
	return names
}

func TestPostScriptFontNames(t *testing.T) {
	tag := regexp.MustCompile(`^[A-Z]{6}\+`)
	for _, c := range []struct {
		on   bool
		want []string
	}{
		{true, []string{"LiberationSans-Bold", "LiberationSerif"}},
		{false, []string{"utf8sansB", "utf8serif"}},
	} {
		got := baseFonts(t, c.on)
		if len(got) != len(c.want) {
			t.Fatalf("PostScript names %v: fonts %v, want %v", c.on, got, c.want)
		}
		for i, n := range got {
			if !tag.MatchString(n) || strings.TrimPrefix(n, n[:7]) != c.want[i] {
				t.Errorf("PostScript names %v: font %s, want a subset tag and %s", c.on, n, c.want[i])
			}
		}
	}
}

func TestPostScriptNameSanitised(t *testing.T) {
	for in, want := range map[string]string{
		"LiberationSerif":        "LiberationSerif",
		"My Font(Bold)/Web#2":    "MyFontBoldWeb2",
		"Ünïcode-Name":           "ncode-Name",
		"":                       "",
		strings.Repeat("A", 100): strings.Repeat("A", 63),
	} {
		if got := postScriptName(in); got != want {
			t.Errorf("postScriptName(%q) = %q, want %q", in, got, want)
		}
	}
}
