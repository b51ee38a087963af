package report

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/report/internal/frames"
	"github.com/briefing-pdf/briefing/report/internal/pdfwrite"
)

const logoConfig = "data = [\"data.toml\"]\n[cover]\nlogo = \"logo.png\"\n"

// testLogo is a 60×30 image with a gradient and a transparent corner.
func testLogo() *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 30))
	for x := 0; x < 60; x++ {
		for y := 0; y < 30; y++ {
			a := uint8(255)
			if x < 10 && y < 10 {
				a = 0
			}
			img.Set(x, y, color.NRGBA{R: uint8(4 * x), G: uint8(8 * y), B: 90, A: a})
		}
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngChunk returns the offset of the data of the first chunk of type typ.
func pngChunk(b []byte, typ string) (off, n int) {
	for p := 8; p+8 <= len(b); {
		n := int(b[p])<<24 | int(b[p+1])<<16 | int(b[p+2])<<8 | int(b[p+3])
		if string(b[p+4:p+8]) == typ {
			return p + 8, n
		}
		p += 12 + n
	}
	return -1, 0
}

// TestBrokenLogo checks that a logo Go's decoders cannot read completely
// is an error at the config's cover.logo key, and no PDF.
func TestBrokenLogo(t *testing.T) {
	good := encodePNG(t, testLogo())
	// Garbage image data with a correct checksum: the chunks are well
	// formed, the pixels are not.
	garbage := append([]byte(nil), good...)
	off, n := pngChunk(garbage, "IDAT")
	for i := off + 2; i < off+n; i++ {
		garbage[i] = byte(i * 7)
	}
	crc := crc32.ChecksumIEEE(garbage[off-4 : off+n])
	garbage[off+n], garbage[off+n+1], garbage[off+n+2], garbage[off+n+3] = byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc)
	jpg := encodeJPEG(t, testLogo())
	huge := append([]byte(nil), good...)
	ihdr, _ := pngChunk(huge, "IHDR")
	copy(huge[ihdr:], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20}) // 20000 × 20000
	crc = crc32.ChecksumIEEE(huge[ihdr-4 : ihdr+13])
	huge[ihdr+13], huge[ihdr+14], huge[ihdr+15], huge[ihdr+16] = byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc)
	cases := []struct {
		name string
		logo []byte
		want string
	}{
		{"truncated PNG", good[:len(good)/2], "not a valid PNG image"},
		{"PNG cut after its header", good[:40], "not a valid PNG image"},
		{"PNG with garbage pixels", garbage, "not a valid PNG image"},
		{"PNG too large", huge, "PNG image of 20000×20000 pixels is too large"},
		{"truncated JPEG", jpg[:len(jpg)/2], "not a valid JPEG image"},
		{"JPEG header only", jpg[:3], "not a valid JPEG image"},
		{"not an image", []byte("GIF89a......"), "not a PNG or JPEG image"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, err := buildFS(t, miniFS(t, logoConfig, map[string][]byte{"b/logo.png": c.logo}))
			if err == nil || pdf != nil {
				t.Fatalf("built %d bytes, error %v", len(pdf), err)
			}
			want := "b/config.toml:3:1: cover.logo: logo.png: " + c.want
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error:\n%v\nwant it to contain\n%s", err, want)
			}
		})
	}
}

// TestLogoFormats checks that good logos of every kind Go decodes are
// embedded: an interlaced or 16-bit PNG (which fpdf cannot parse itself)
// is given to fpdf encoded again.
func TestLogoFormats(t *testing.T) {
	gray16 := image.NewGray16(image.Rect(0, 0, 20, 10))
	for x := 0; x < 20; x++ {
		gray16.SetGray16(x, 3, color.Gray16{Y: uint16(x * 3000)})
	}
	paletted := image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Transparent, color.Black})
	paletted.SetColorIndex(3, 3, 1)
	logos := map[string][]byte{
		"rgba":     encodePNG(t, testLogo()),
		"gray16":   encodePNG(t, gray16),
		"paletted": encodePNG(t, paletted),
		"jpeg":     encodeJPEG(t, testLogo()),
	}
	for name, logo := range logos {
		t.Run(name, func(t *testing.T) {
			pdf, err := buildFS(t, miniFS(t, logoConfig, map[string][]byte{"b/logo.png": logo}))
			if err != nil {
				t.Fatal(err)
			}
			images := 0
			for _, o := range readPDF(t, pdf).objs {
				if s, ok := o.(*pdfStream); ok && s.dict["Subtype"] == pdfName("Image") {
					images++
				}
			}
			if images == 0 {
				t.Error("the logo is not in the PDF")
			}
		})
	}
}

// embedLogo loads the logo in fsys, draws it on a page through the
// write stage and writes the PDF, recovering a panic into the error.
func embedLogo(cfg *Config, fsys fs.FS) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	info, err := loadLogo(cfg, fsys)
	if err != nil {
		return err
	}
	w := pdfwrite.New(frames.Meta{Width: 595, Height: 842}, fonts.New(), panicError)
	defer w.Close()
	_, err = w.Write(&frames.Doc{
		Images: []frames.ImageFile{{Name: info.name, Type: info.typ, Data: info.data}},
		Pages:  []frames.Page{{Items: []frames.Item{{Kind: frames.Image, X: 10, Y: 10, W: 100, H: 100 * info.h / info.w, Name: info.name}}}},
	})
	return err
}

// mutateImage flips or sets a few bytes of b, or cuts it short.
func mutateImage(r *rand.Rand, b []byte) []byte {
	b = append([]byte(nil), b...)
	if r.IntN(4) == 0 {
		return b[:r.IntN(len(b))]
	}
	for k := 1 + r.IntN(4); k > 0; k-- {
		i := r.IntN(len(b))
		if r.IntN(2) == 0 {
			b[i] ^= byte(1 << r.IntN(8))
		} else {
			b[i] = byte(r.IntN(256))
		}
	}
	return b
}

// TestMutatedLogosNeverPanic loads mutated PNG and JPEG logos: each is
// refused at the cover.logo key, or embedded and written without error.
func TestMutatedLogosNeverPanic(t *testing.T) {
	fsys := miniFS(t, logoConfig, nil)
	cfg, err := LoadConfig(fsys, "b/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	seeds := [][]byte{encodePNG(t, testLogo()), encodeJPEG(t, testLogo())}
	r := rand.New(rand.NewPCG(4, 2026))
	refused := 0
	const count = 300
	for i := 0; i < count; i++ {
		fsys["b/logo.png"] = &fstest.MapFile{Data: mutateImage(r, seeds[i%2])}
		err := embedLogo(cfg, fsys)
		var es data.Errors
		switch {
		case err == nil:
		case errors.As(err, &es) && len(es) == 1 && es[0].Line == 3 && strings.HasPrefix(es[0].Msg, "cover.logo: "):
			refused++
		default:
			t.Errorf("mutant %d: %v", i, err)
		}
	}
	t.Logf("%d mutated logos: %d refused at cover.logo, the others embedded", count, refused)
}
