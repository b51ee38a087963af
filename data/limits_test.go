package data

import (
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
)

// Item 7 of issue 12: a key or table header of thousands of dotted parts
// made the TOML library take seconds and gigabytes to reject it. It is
// refused before parsing, at the key's position.
func TestKeyDepthIsCapped(t *testing.T) {
	deep := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	for _, tt := range []struct {
		name, src, want string
	}{
		{"header of 30,000 parts", "[briefing]\ntitle = \"x\"\n\n[" + deep(30000) + "]\n", "x.toml:4:1: table header has more than 16 dotted parts"},
		{"array-of-tables header", "[[" + deep(17) + "]]\n", "x.toml:1:1: table header has more than 16 dotted parts"},
		{"dotted key", "[briefing]\n  " + deep(100000) + " = 1\n", "x.toml:2:3: key has more than 16 dotted parts"},
		{"key in an inline table", "x = {b = 1, " + deep(17) + " = 2}\n", "x.toml:1:13: key has more than 16 dotted parts"},
		{"key in a nested inline table", "x = [{a = {" + deep(20) + " = 1}}]\n", "x.toml:1:12: key has more than 16 dotted parts"},
		{"spaced dots", "[" + strings.Repeat("a . ", 20) + "a]\n", "x.toml:1:1: table header has more than 16 dotted parts"},
		{"quoted parts", "[" + strings.Repeat(`"a".`, 20) + "a]\n", "x.toml:1:1: table header has more than 16 dotted parts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadBytes("x.toml", []byte(tt.src))
			got := errorLines(t, err)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("errors %q, want %q", got, tt.want)
			}
		})
	}
	// Not keys: dots in values, strings and comments, and keys of up to
	// 16 parts, are no concern of the cap.
	for _, src := range []string{
		"[" + deep(16) + "]\n" + deep(16) + " = 1\n",
		"x = 1.5\ny = [1.5, 2.5, {" + deep(16) + " = 1.5}]\nz = 1979-05-27T07:32:00.999\n",
		"x = \"" + deep(100) + "\"\ny = '''\n" + deep(100) + "\n'''\n# " + deep(100) + "\n",
		"[\"" + deep(100) + "\"]\n'" + deep(100) + "' = 1\n",
		"x = [\n  1.5,\n  2.5,\n]\n" + deep(16) + " = 2\n",
	} {
		if e := checkNesting(src); e != nil {
			t.Errorf("checkNesting(%.60q…) = %v", src, e)
		}
	}
}

// The keys of one file are capped in all, for the same reason: the
// library spends about a kilobyte per key part.
func TestKeyPartsPerFileAreCapped(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 8*maxFileKeyParts; i++ {
		fmt.Fprintf(&b, "k%d.a.b.c = 1\n", i)
	}
	e := checkNesting(b.String())
	if e == nil || !strings.Contains(e.Msg, "more than 250000 keys and key parts in one file") || e.Line != maxFileKeyParts/4+1 {
		t.Errorf("checkNesting = %v", e)
	}
}

// The cap holds on the bytes read, not on the size Stat reports, which a
// device or a growing file belies; and only regular files are read.
func TestReadRegularCapsBytesRead(t *testing.T) {
	big := lyingFS{size: 10, data: strings.Repeat("#", maxFileSize+1)}
	_, err := Load(big, []string{"x.toml"})
	if got := errorLines(t, err); len(got) != 1 || got[0] != "x.toml: file too large (at most 16777216 bytes; see -max-input)" {
		t.Errorf("errors %q", got)
	}
	if _, err := ReadRegular(big, "x.toml", 5); err == nil || !strings.Contains(err.Error(), "at most 5 bytes") {
		t.Errorf("ReadRegular: %v", err)
	}
	if b, err := ReadRegular(lyingFS{size: 1 << 40, data: "ok"}, "x", 5); err != nil || string(b) != "ok" {
		t.Errorf("ReadRegular of a small file with a big Stat: %q, %v", b, err)
	}
	for mode, want := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "is a named pipe (FIFO), not a regular file",
		fs.ModeDevice | fs.ModeCharDevice: "is a character device, not a regular file",
		fs.ModeDevice:                     "is a device, not a regular file",
		fs.ModeSocket:                     "is a socket, not a regular file",
		fs.ModeDir:                        "is a directory, not a file",
		fs.ModeIrregular:                  "is not a regular file",
	} {
		_, err := Load(fstest.MapFS{"x.toml": {Mode: mode}}, []string{"x.toml"})
		if got := errorLines(t, err); len(got) != 1 || got[0] != "x.toml: "+want {
			t.Errorf("mode %v: errors %q", mode, got)
		}
	}
}

// lyingFS holds one file whose Stat reports size but whose reads yield
// data, as /dev/zero or a file that grows does.
type lyingFS struct {
	size int64
	data string
}

func (l lyingFS) Open(name string) (fs.File, error) {
	return &lyingFile{Reader: strings.NewReader(l.data), size: l.size}, nil
}

type lyingFile struct {
	*strings.Reader
	size int64
}

func (f *lyingFile) Stat() (fs.FileInfo, error) { return lyingInfo{f.size}, nil }
func (f *lyingFile) Close() error               { return nil }

type lyingInfo struct{ size int64 }

func (i lyingInfo) Name() string       { return "x.toml" }
func (i lyingInfo) Size() int64        { return i.size }
func (i lyingInfo) Mode() fs.FileMode  { return 0o644 }
func (i lyingInfo) ModTime() time.Time { return time.Time{} }
func (i lyingInfo) IsDir() bool        { return false }
func (i lyingInfo) Sys() any           { return nil }

var _ io.Reader = (*lyingFile)(nil)

// The scan that caps keys never refuses valid TOML below the caps: random
// documents, as the TOML library writes them (headers, dotted parts,
// quoted keys with dots and brackets, inline arrays, floats, dates), pass.
func TestKeyCapsAcceptValidTOML(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keyChars := []string{"a", "b", "k1", "x.y", "[q]", "{c}", "#h", `"d"`, "'s'", "é", "a b", "="}
	var value func(depth int) any
	value = func(depth int) any {
		switch n := rng.IntN(9); {
		case n == 0 && depth < 12:
			m := map[string]any{}
			for i := rng.IntN(4); i >= 0; i-- {
				m[keyChars[rng.IntN(len(keyChars))]+fmt.Sprint(rng.IntN(3))] = value(depth + 1)
			}
			return m
		case n == 1 && depth < 12:
			var a []map[string]any
			for i := rng.IntN(3); i >= 0; i-- {
				a = append(a, map[string]any{"k" + fmt.Sprint(i): value(depth + 1)})
			}
			return a
		case n == 2:
			return []any{1.5, "x.y.z", []any{2.5, "[a.b]"}}
		case n == 3:
			return time.Date(2023, 5, 1, 7, 32, 0, 999000000, time.UTC)
		case n == 4:
			return rng.Float64() * 1e6
		case n == 5:
			return "a.b.c = [1.5] {x.y} # not a comment\n'''\"\"\"\nmore"
		default:
			return rng.IntN(1000)
		}
	}
	deepHeaders := 0
	for i := 0; i < 300; i++ {
		doc := map[string]any{}
		for j := rng.IntN(6); j >= 0; j-- {
			doc[keyChars[rng.IntN(len(keyChars))]+fmt.Sprint(j)] = value(0)
		}
		var b strings.Builder
		if err := toml.NewEncoder(&b).Encode(doc); err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if _, err := toml.Decode(b.String(), &back); err != nil {
			t.Fatalf("the library cannot read what it wrote: %v\n%s", err, b.String())
		}
		if e := checkNesting(b.String()); e != nil {
			t.Fatalf("checkNesting refused valid TOML: %v\n%s", e, b.String())
		}
		for _, l := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "[") && strings.Count(l, ".") >= 6 {
				deepHeaders++
			}
		}
	}
	if deepHeaders == 0 {
		t.Error("no document had a table header of several parts: the test tests nothing")
	}
}
