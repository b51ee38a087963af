package data

import (
	"strings"
	"testing"
)

func TestParseCitation(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // ids joined by spaces
		ok   bool
	}{
		{"@a", "a", true},
		{"@washington-round-1", "washington-round-1", true},
		{"@a; @b", "a b", true},
		{" @a ;@b;  @c ", "a b c", true},
		{"@a, @b", "", false},
		{"@Bad", "", false},
		{"@-a", "", false},
		{"@", "", false},
		{"a", "", false},
		{"", "", false},
		{"@a;", "", false},
		{"@a @b", "", false},
		{"see @a", "", false},
	} {
		ids, ok := ParseCitation(tt.in)
		var s []string
		for _, id := range ids {
			s = append(s, string(id))
		}
		if ok != tt.ok || strings.Join(s, " ") != tt.want {
			t.Errorf("ParseCitation(%q) = %q, %v; want %q, %v", tt.in, s, ok, tt.want, tt.ok)
		}
	}
}

func TestCitations(t *testing.T) {
	for _, tt := range []struct {
		md   string
		want string
	}{
		{"No citations.", ""},
		{"One [@a]. Two [@b; @c]. Again [@a].", "a b c a"},
		{"Link [text](https://x.org) and [@a](https://x.org)", "a"},
		{"Escaped \\[@a] and `[@b]` and ``code ` [@c]`` then [@d]", "d"},
		{"Unclosed `code [@a]", "a"},
		{"[@a\n] and [not @b] and [ @c ] and [@d [@e]", "e"},
		{"Malformed [@A] and [@a, @b] are skipped; [@ok] is not", "ok"},
		{"Nested [[@a]]", "a"},
		{"```\n[@in-fence]\n```\nafter [@x]\n~~~~go\n[@tilde]\n~~~~\n  ```\n[@indented-fence]\n  ```\n[@y]", "x y"},
		{"Inline ```[@z]``` is a code span", ""},
		{"```\nunclosed fence [@a]", ""},
		{"", ""},
	} {
		var s []string
		for _, id := range Citations(tt.md) {
			s = append(s, string(id))
		}
		if got := strings.Join(s, " "); got != tt.want {
			t.Errorf("Citations(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}

func TestScanCitationsReportsMalformed(t *testing.T) {
	cs := scanCitations("ok [@a] bad [@Bad; @b] end [@c;\n@d] [@")
	if len(cs) != 4 || !cs[0].ok || cs[1].ok || cs[1].text != "[@Bad; @b]" || cs[1].offset != 12 {
		t.Fatalf("scanCitations: %+v", cs)
	}
	if c := cs[2]; c.ok || !c.unclosed || c.text != "[@c;" {
		t.Errorf("unclosed citation: %+v", c)
	}
	if c := cs[3]; c.ok || !c.unclosed || c.text != "[@" {
		t.Errorf("citation at the end: %+v", c)
	}
}
