package data

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/synth"
)

// sameValue compares generic TOML values; dates by their calendar day and
// the name of their location, as the decoder reads them.
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			if w, ok := bm[k]; !ok || !sameValue(v, w) {
				return false
			}
		}
		return true
	case []map[string]any:
		bl, ok := b.([]map[string]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !sameValue(a[i], bl[i]) {
				return false
			}
		}
		return true
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !sameValue(a[i], bl[i]) {
				return false
			}
		}
		return true
	case time.Time:
		bt, ok := b.(time.Time)
		return ok && a.Equal(bt) && a.Location().String() == bt.Location().String()
	case float64:
		bf, ok := b.(float64)
		return ok && (a == bf || a != a && bf != bf) && fmt.Sprint(a) == fmt.Sprint(bf)
	}
	return a == b
}

func samePositions(a, b *pnode, path string) string {
	if (a == nil) != (b == nil) {
		return path + ": one side has no node"
	}
	if a == nil {
		return ""
	}
	if a.at != b.at {
		return fmt.Sprintf("%s: at %v and %v", path, a.at, b.at)
	}
	if len(a.keys) != len(b.keys) || len(a.elems) != len(b.elems) {
		return fmt.Sprintf("%s: %d/%d keys, %d/%d elements", path, len(a.keys), len(b.keys), len(a.elems), len(b.elems))
	}
	for k, v := range a.keys {
		if d := samePositions(v, b.keys[k], path+"."+k); d != "" {
			return d
		}
	}
	for i := range a.elems {
		if d := samePositions(a.elems[i], b.elems[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast holds the fast path to the library's: when it takes a file,
// the library takes it too, with the same values and positions.
func checkFast(t *testing.T, name, src string) (fast bool) {
	t.Helper()
	raw, pos, ok := fastParse(src)
	if !ok {
		return false
	}
	want, err := parseTOML(src)
	if err != nil {
		t.Errorf("%s: the fast path took a file the TOML library refuses: %v\n%s", name, err, src)
		return true
	}
	if !sameValue(raw, want) {
		t.Errorf("%s: values differ:\nfast    %#v\nlibrary %#v", name, raw, want)
	}
	wantPos, _ := scanPositions(src)
	if d := samePositions(pos, wantPos, "root"); d != "" {
		t.Errorf("%s: positions differ: %s", name, d)
	}
	return true
}

// fastCases are valid files of unusual shapes the fast path takes, and
// files it must leave to the library (valid or not).
var fastCases = []struct {
	src  string
	fast bool
}{
	{"a = 1\nb = -2\nc = +3\nd = 1.5\ne = -0.0\nf = 1e3\ng = 2.5E-2\nh = true\ni = false\n", true},
	{"s = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600 back\\\\slash\"\nl = 'C:\\path'\n", true},
	{"m = \"\"\"\nline one\nline \\\n    two \"quoted\" \"\"\"\nn = '''\nraw \\n ''text'''''\n", true},
	{"k = \"\"\"two quotes at the end\"\"\"\"\"\n", true},
	{"[a.b]\nx = 1\n[a]\ny = 2\n", true},
	{"[[e]]\nid = \"x\"\n[e.sub]\nz = 1\n[[e]]\nid = \"y\"\n", true},
	{"p = { start = 2023-01-01, end = 2023-12-31 }\nq = []\nr = [ 1, [2, 3], { a = \"b\" }, ]\nt = {}\n", true},
	{"a.b.c = 1\na.b.d = 2\n\"quoted key\".'lit' = 3\n", true},
	{"x = [\n  1, # one\n  2,\n]\n# end", true},
	{"# only a comment\n\n", true},
	{"v = 1#tight\n", true},
	{"d = 1979-05-27T07:32:00\n", false},
	{"d = 1979-05-27 07:32:00\n", false},
	{"d = 2023-02-30\n", false},
	{"h = 0x1F\n", false},
	{"u = 1_000\n", false},
	{"f = inf\n", false},
	{"a = 1\na = 2\n", false},
	{"[a]\n[a]\n", false},
	{"a = [1]\n[[a]]\n", false},
	{"a.b = 1\n[a]\n", false},
	{"a = {x = 1}\na.y = 2\n", false},
	{"a = { x = 1,\n y = 2 }\n", false},
	{"a = { x = 1, }\n", false},
	{"a = \"x\ny\"\n", false},
	{"a = \"\\q\"\n", false},
	{"a = 1\r\n", false},
	{"\ufeffa = 1\n", false},
	{"a = 'x' b\n", false},
	{"a = 01\n", false},
	{"a = 1.\n", false},
	{"= 1\n", false},
	{"[a\n", false},
	{"a = \"unclosed\n", false},
	{"a = \"\"\"unclosed\n", false},
	{"a = ''''''''\n", true},
	{"a = \"bell\x07\"\n", false},
	{"# bell \x07\n", false},
	{strings.Repeat("a = [", 1) + strings.Repeat("[", 70) + strings.Repeat("]", 71) + "\n", false},
}

func TestFastTOMLAgrees(t *testing.T) {
	for i, c := range fastCases {
		if got := checkFast(t, fmt.Sprintf("case %d", i), c.src); got != c.fast {
			t.Errorf("case %d: fast path %v, want %v:\n%s", i, got, c.fast, c.src)
		}
	}
	// Every TOML file of the repository, and generated briefings.
	n := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if checkFast(t, p, string(b)) {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{0, 10, 300} {
		if !checkFast(t, fmt.Sprintf("synth %d", size), string(synth.Generate(size, 7))) {
			t.Errorf("synth %d: the fast path did not take a generated briefing", size)
		}
	}
	if n < 10 {
		t.Errorf("the fast path took only %d of the repository's TOML files", n)
	}
}

// FuzzFastTOML: whatever the fast path takes, the library takes alike.
func FuzzFastTOML(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.src)
	}
	f.Add(string(synth.Generate(3, 1)))
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, "input", src)
	})
}
