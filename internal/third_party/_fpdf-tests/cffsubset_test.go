package fpdf

import (
	"bytes"
	"math/rand"
	"os"
	"testing"

	"codeberg.org/go-fonts/latin-modern/lmroman10regular"
	xsfnt "golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The subset of an OpenType CFF font draws the glyphs it keeps exactly
// as the font does (the same outline segments, read by another parser,
// golang.org/x/image's), draws nothing for the others, keeps every glyph
// ID, and is smaller: for a subset of Linux Libertine in the repository
// and Latin Modern Roman from its Go module, keeping every seventh
// glyph, none, or all.
func TestCFFSubset(t *testing.T) {
	libertine, err := os.ReadFile("../../shape/testdata/fonts/ligature-serif.otf")
	if err != nil {
		t.Skip(err) // only in the module's tree
	}
	cid, err := os.ReadFile("../../shape/testdata/fonts/cjk-cid.otf")
	if err != nil {
		t.Fatal(err)
	}
	for _, font := range []struct {
		name string
		otf  []byte
	}{{"Linux Libertine subset", libertine}, {"Latin Modern Roman", lmroman10regular.TTF}, {"Noto Serif CJK subset (CID-keyed)", cid}} {
		orig, err := xsfnt.Parse(font.otf)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []struct {
			every int
			cid   bool
		}{{7, false}, {0, false}, {1, false}, {7, true}, {0, true}, {1, true}} {
			every := v.every
			keep := func(gid int) bool { return every > 0 && gid%every == 0 }
			var sub []byte
			if v.cid {
				// Bare CFF, made CID-keyed: wrapped again to be read.
				cff, err := cffCIDSubset(font.otf, keep)
				if err == nil {
					checkIdentityCIDs(t, cff)
					sub, err = otfWithCFF(font.otf, cff)
				}
				if err != nil {
					t.Fatalf("%s, CID-keyed: %v", font.name, err)
				}
			} else if sub, err = cffOTFSubset(font.otf, keep); err != nil {
				t.Fatalf("%s: %v", font.name, err)
			}
			if every != 1 && len(sub) >= len(font.otf) {
				t.Errorf("%s: subset of %d bytes, the font %d", font.name, len(sub), len(font.otf))
			}
			f, err := xsfnt.Parse(sub)
			if err != nil {
				t.Fatalf("%s: the subset does not parse: %v", font.name, err)
			}
			if f.NumGlyphs() != orig.NumGlyphs() {
				t.Fatalf("%s: %d glyphs, the font has %d", font.name, f.NumGlyphs(), orig.NumGlyphs())
			}
			var b1, b2 xsfnt.Buffer
			ppem := fixed.I(1000)
			drawn := 0
			for gid := range orig.NumGlyphs() {
				want, err := orig.LoadGlyph(&b1, xsfnt.GlyphIndex(gid), ppem, nil)
				if err != nil {
					t.Fatalf("%s: glyph %d of the font: %v", font.name, gid, err)
				}
				got, err := f.LoadGlyph(&b2, xsfnt.GlyphIndex(gid), ppem, nil)
				if err != nil {
					t.Fatalf("%s: glyph %d of the subset: %v", font.name, gid, err)
				}
				if gid == 0 || keep(gid) {
					if len(got) != len(want) {
						t.Fatalf("%s: glyph %d: %d segments, the font's has %d", font.name, gid, len(got), len(want))
					}
					for k := range want {
						if got[k] != want[k] {
							t.Fatalf("%s: glyph %d, segment %d: %v, want %v", font.name, gid, k, got[k], want[k])
						}
					}
					drawn += len(want)
				} else if len(got) != 0 {
					t.Errorf("%s: glyph %d, left out, has %d segments", font.name, gid, len(got))
				}
			}
			if drawn == 0 && every != 0 {
				t.Errorf("%s: no kept glyph draws anything: nothing was compared", font.name)
			}
			t.Logf("%s, every %d, CID-keyed %v: %d bytes → %d", font.name, every, v.cid, len(font.otf), len(sub))
		}
	}
}

// A table the subsetter cannot read is an error (the font is then
// embedded whole), never a panic: the font cut short anywhere, and its
// CFF table's header, INDEXes and DICTs corrupted at random (a fixed
// seed), for a name-keyed and a CID-keyed font, both ways of embedding.
func TestCFFSubsetBroken(t *testing.T) {
	cjk, err := os.ReadFile("../../shape/testdata/fonts/cjk-cid.otf")
	if err != nil {
		t.Skip(err) // only in the module's tree
	}
	keep := func(gid int) bool { return gid%3 == 0 }
	for _, otf := range [][]byte{lmroman10regular.TTF, cjk} {
		for cut := 0; cut < len(otf); cut += 97 {
			b := append([]byte(nil), otf[:cut]...)
			_, _ = cffOTFSubset(b, keep)
			_, _ = cffCIDSubset(b, keep)
		}
		tables, err := sfntTables(otf)
		if err != nil {
			t.Fatal(err)
		}
		cff := tables["CFF "]
		at := bytes.Index(otf, cff[:64])
		rng := rand.New(rand.NewSource(1))
		for range 3000 {
			b := append([]byte(nil), otf...)
			for range 1 + rng.Intn(4) {
				b[at+rng.Intn(min(3000, len(cff)))] = byte(rng.Intn(256))
			}
			_, _ = cffOTFSubset(b, keep)
			_, _ = cffCIDSubset(b, keep)
		}
	}
}

// A CID-keyed font's subset maps glyph i to CID i (its charset is made
// the identity): the document's CIDs are glyph IDs, and MuPDF and
// Ghostscript find a CID's glyph through the charset (with the font's
// own charset they drew nothing for the CJK text of a briefing).
func TestCFFSubsetCIDIdentity(t *testing.T) {
	otf, err := os.ReadFile("../../shape/testdata/fonts/cjk-cid.otf")
	if err != nil {
		t.Skip(err) // only in the module's tree
	}
	sub, err := cffOTFSubset(otf, func(gid int) bool { return gid%2 == 0 })
	if err != nil {
		t.Fatal(err)
	}
	tables, err := sfntTables(sub)
	if err != nil {
		t.Fatal(err)
	}
	checkIdentityCIDs(t, tables["CFF "])
}

// checkIdentityCIDs checks that cff is a CID-keyed font whose charset
// maps glyph i to CID i.
func checkIdentityCIDs(t *testing.T, cff []byte) {
	t.Helper()
	names, err := readCFFIndex(cff, int(cff[2]))
	if err != nil {
		t.Fatal(err)
	}
	tops, err := readCFFIndex(cff, int(cff[2])+names.size)
	if err != nil {
		t.Fatal(err)
	}
	top, err := parseCFFDict(tops.items[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(top) == 0 || top[0].op != 1230 {
		t.Fatal("not a CID-keyed font: no ROS first in its Top DICT")
	}
	if _, ok := cffDictGet(top, cffFDArray); !ok {
		t.Fatal("not a CID-keyed font: no FDArray")
	}
	csOff, _ := cffDictGet(top, cffCharStrings)
	cs, err := readCFFIndex(cff, csOff[0])
	if err != nil {
		t.Fatal(err)
	}
	n := len(cs.items)
	v, _ := cffDictGet(top, cffCharset)
	got, err := cffCharsetBytes(cff, v[0], n)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
	if !bytes.Equal(got, want) {
		t.Errorf("charset % x, want the identity % x (%d glyphs)", got, want, n)
	}
}

// The subroutines no kept glyph calls are emptied (a bare return, so
// every one keeps its number); those kept glyphs call are kept (their
// outlines are checked in TestCFFSubset).
func TestCFFSubrsPruned(t *testing.T) {
	cff, err := cffCIDSubset(lmroman10regular.TTF, func(gid int) bool { return gid == 70 })
	if err != nil {
		t.Fatal(err)
	}
	hdr := int(cff[2])
	names, _ := readCFFIndex(cff, hdr)
	tops, _ := readCFFIndex(cff, hdr+names.size)
	strs, _ := readCFFIndex(cff, hdr+names.size+tops.size)
	gsubrs, err := readCFFIndex(cff, hdr+names.size+tops.size+strs.size)
	if err != nil {
		t.Fatal(err)
	}
	top, _ := parseCFFDict(tops.items[0])
	fa, _ := cffDictGet(top, cffFDArray)
	fds, _ := readCFFIndex(cff, fa[0])
	fd, _ := parseCFFDict(fds.items[0])
	pv, _ := cffDictGet(fd, cffPrivateOp)
	priv, err := readCFFPrivate(cff, pv[0], pv[1])
	if err != nil {
		t.Fatal(err)
	}
	local, _ := readCFFIndex(priv.subrs, 0)
	kept, emptied := 0, 0
	for _, sr := range append(gsubrs.items, local.items...) {
		if len(sr) == 1 && sr[0] == 11 {
			emptied++
		} else {
			kept++
		}
	}
	if emptied == 0 || kept == 0 {
		t.Errorf("subroutines: %d kept, %d emptied; want some of each for one glyph", kept, emptied)
	}
}

// A seac endchar (four arguments, a width before them or not) draws two
// other glyphs by their standard codes: a subset whose glyphs use one is
// not made (the font is embedded whole).
func TestCFFSeac(t *testing.T) {
	seac := []byte{139, 139, 139 + 65, 139 + 97, 14}           // 0 0 65 97 endchar: base and accent by standard code
	widthSeac := []byte{139, 139, 139, 139 + 65, 139 + 97, 14} // with a width first
	plain := []byte{139, 139, 21, 14}                          // 0 0 rmoveto endchar
	for _, tc := range []struct {
		cs   []byte
		seac bool
	}{{seac, true}, {widthSeac, true}, {plain, false}} {
		glyphs := [][]byte{plain, tc.cs}
		_, _, _, got, err := cffSubrsUsed(glyphs, func(int) bool { return true }, nil, []cffPriv{{}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.seac {
			t.Errorf("% x: seac %v, want %v", tc.cs, got, tc.seac)
		}
	}
}
