package shape

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// The oracle: for a corpus of lines in several scripts, the glyphs this
// package sets (IDs, clusters, advances, offsets) equal HarfBuzz's, as
// hb-shape printed them once into testdata/oracle/*.json. The test reads
// only those files and fonts in the repository or its Go modules.
//
// To regenerate the golden files (needs hb-shape, Debian's
// libharfbuzz-bin, on PATH):
//
//	go test ./internal/shape -run TestOracle -update
//
// which runs, for each case, with the face written to a temporary file:
//
//	LC_ALL=C hb-shape --no-glyph-names --utf8-clusters --output-format=json \
//	    [--features=F1,F2] --font-file=FACE --text-file=TEXT
//
// (the text in a file, UTF-8 whatever the locale; the C locale so that
// hb-shape's default language is none, as here).
//
// Review the diff of testdata/oracle before committing it.
var update = flag.Bool("update", false, "regenerate testdata/oracle/*.json with hb-shape")

type oracleCase struct {
	name     string
	face     string // a key of testFaces
	features []string
	text     string
}

var oracleCorpus = []oracleCase{
	// Kerning pairs (Liberation Serif's GPOS kern): T-o, A-V, T-y, W-A, Y-o, T-e, L-T, V-A.
	{"kerning-liberation-serif", "liberation-serif", nil, "To AV Ty. WAVE, Yoke; Tea LT VA"},
	{"kerning-off-liberation-serif", "liberation-serif", []string{"-kern"}, "To AV Ty"},
	// Vietnamese written with combining marks (NFD): HarfBuzz composes
	// what the font has precomposed, and places the rest.
	{"vietnamese-nfd-liberation-serif", "liberation-serif", nil, "Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u, Nguye\u0302\u0303n"},
	{"vietnamese-nfc-liberation-serif", "liberation-serif", nil, "Tiếng Việt có dấu, Nguyễn"},
	{"marks-no-precomposed-liberation-serif", "liberation-serif", nil, "q\u0301 x\u0323 b\u0308"},
	// A ligature-rich face: fi, fl, ffi, ffl, fj.
	{"ligatures-ligature-serif", "ligature-serif", nil, "office affluent fjord, waffle and flight"},
	{"ligatures-off-ligature-serif", "ligature-serif", []string{"-liga"}, "office affluent fjord"},
	{"smcp-ligature-serif", "ligature-serif", []string{"smcp"}, "Small Capitals in 1984"},
	{"onum-tnum-ligature-serif", "ligature-serif", []string{"onum", "tnum"}, "1984 to 2026: 11 of 71"},
	// Armenian, Georgian, Greek, Cyrillic in the built-in fallback faces.
	{"armenian-dejavu-serif", "dejavu-serif", nil, "Հայաստան, Երևան"},
	{"armenian-dejavu-sans", "dejavu-sans", nil, "Հայաստանի Հանրապետություն"},
	{"georgian-dejavu-sans", "dejavu-sans", nil, "საქართველო, თბილისი"},
	{"greek-dejavu-serif", "dejavu-serif", nil, "Ἀθῆναι καὶ Ἑλλάς"},
	{"cyrillic-dejavu-serif", "dejavu-serif", nil, "Москва, Ёлка, Київ"},
	// Right to left: Hebrew with points, Arabic joined.
	{"hebrew-dejavu-sans", "dejavu-sans", nil, "שָׁלוֹם עוֹלָם"},
	{"arabic-dejavu-sans", "dejavu-sans", nil, "مرحبا بالعالم، السلام عليكم"},
	// CJK Extension B, beyond the Basic Multilingual Plane (cmap format 12).
	{"cjk-ext-b", "cjk-ext-b", nil, "𠮟𠮷 𩸽𠀋"},
}

var (
	testFacesOnce sync.Once
	testFacesMap  map[string]*Face
	testFacesErr  error
)

// testFaces are the faces the tests use: from Go modules and testdata.
func testFaces(t testing.TB) map[string]*Face {
	t.Helper()
	testFacesOnce.Do(func() {
		lig, err := os.ReadFile(filepath.Join("testdata", "fonts", "ligature-serif.otf"))
		if err != nil {
			testFacesErr = err
			return
		}
		cjk, err := os.ReadFile(filepath.Join("testdata", "fonts", "cjk-ext-b.ttf"))
		if err != nil {
			testFacesErr = err
			return
		}
		m := map[string]*Face{}
		for _, f := range []struct {
			key, name string
			data      []byte
		}{
			{"liberation-serif", "Liberation Serif", liberationserifregular.TTF},
			{"dejavu-serif", "DejaVu Serif", dejavuserif.TTF},
			{"dejavu-sans", "DejaVu Sans", dejavusans.TTF},
			{"ligature-serif", "ligature-serif.otf", lig},
			{"cjk-ext-b", "cjk-ext-b.ttf", cjk},
		} {
			fc, err := ParseFace(f.name, f.data)
			if err != nil {
				testFacesErr = err
				return
			}
			m[f.key] = fc
		}
		testFacesMap = m
	})
	if testFacesErr != nil {
		t.Fatal(testFacesErr)
	}
	return testFacesMap
}

// oracleFile is a golden file: the case and hb-shape's output.
type oracleFile struct {
	Text     string        `json:"text"`
	Face     string        `json:"face"`
	Features []string      `json:"features,omitempty"`
	Command  string        `json:"command"`
	Glyphs   []oracleGlyph `json:"glyphs,omitempty"`
}

// oracleGlyph is one glyph as hb-shape --output-format=json prints it.
type oracleGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
	Ay int `json:"ay"`
}

func TestOracle(t *testing.T) {
	faces := testFaces(t)
	s := NewShaper(-1)
	for _, c := range oracleCorpus {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join("testdata", "oracle", c.name+".json")
			if *update {
				writeOracle(t, path, c, faces[c.face])
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (regenerate with -update)", err)
			}
			var want oracleFile
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if want.Text != c.text || want.Face != c.face || strings.Join(want.Features, ",") != strings.Join(c.features, ",") {
				t.Fatalf("%s is for %q in %s %v, the corpus says %q in %s %v: regenerate with -update", path, want.Text, want.Face, want.Features, c.text, c.face, c.features)
			}
			ft, err := ParseFeatures(c.features)
			if err != nil {
				t.Fatal(err)
			}
			f, err := NewFont([]*Face{faces[c.face]}, ft, "")
			if err != nil {
				t.Fatal(err)
			}
			l, err := s.Shape(f, c.text, Auto)
			if err != nil {
				t.Fatal(err)
			}
			var got []oracleGlyph
			for _, r := range l.Visual() {
				for _, g := range r.Glyphs {
					got = append(got, oracleGlyph{G: int(g.ID), Cl: r.Start + g.Cluster, Dx: int(g.XOffset), Dy: int(g.YOffset), Ax: int(g.XAdvance)})
				}
			}
			if len(got) != len(want.Glyphs) {
				t.Fatalf("%d glyphs, HarfBuzz %d\n got %v\nwant %v", len(got), len(want.Glyphs), got, want.Glyphs)
			}
			for i := range got {
				if got[i] != want.Glyphs[i] {
					t.Errorf("glyph %d: got %+v, HarfBuzz %+v", i, got[i], want.Glyphs[i])
				}
			}
		})
	}
}

func writeOracle(t *testing.T, path string, c oracleCase, face *Face) {
	t.Helper()
	hb, err := exec.LookPath("hb-shape")
	if err != nil {
		t.Fatalf("-update needs hb-shape: %v", err)
	}
	fontFile := filepath.Join(t.TempDir(), "face")
	if err := os.WriteFile(fontFile, face.Data(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--no-glyph-names", "--utf8-clusters", "--output-format=json"}
	if len(c.features) > 0 {
		args = append(args, "--features="+strings.Join(c.features, ","))
	}
	textFile := filepath.Join(t.TempDir(), "text")
	if err := os.WriteFile(textFile, []byte(c.text), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hb, append(args, "--font-file="+fontFile, "--text-file="+textFile)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hb-shape: %v: %s", err, stderr.String())
	}
	var glyphs []oracleGlyph
	if err := json.Unmarshal(bytes.TrimSpace(out), &glyphs); err != nil {
		t.Fatalf("hb-shape output: %v: %s", err, out)
	}
	display := "LC_ALL=C hb-shape " + strings.Join(args, " ") + " --font-file=" + c.face + " --text-file=TEXT"
	// One glyph a line, so that a diff of a regenerated file is readable.
	head, err := json.MarshalIndent(oracleFile{Text: c.text, Face: c.face, Features: c.features, Command: display}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(bytes.TrimSuffix(head, []byte("\n}")))
	b.WriteString(",\n  \"glyphs\": [")
	for i, g := range glyphs {
		line, _ := json.Marshal(g)
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(line)
	}
	b.WriteString("\n  ]\n}")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b.Bytes(), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
