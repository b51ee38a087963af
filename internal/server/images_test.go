package server

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// pngOf is a small PNG of one colour.
func pngOf(t *testing.T, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for x := range 4 {
		for y := range 2 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// An image in a section's Markdown is one of the files a build reads:
// the snapshot holds it (the briefing builds when served, not only from
// the command line) and a change to it is a new state.
func TestServeSectionImage(t *testing.T) {
	dir := starterDir(t)
	dataFile := filepath.Join(dir, "data", "briefing.toml")
	body := []byte("id    = \"background\"\ntitle = \"Background\"\nbody  = \"\"\"\n")
	src := starterData(t)
	if !bytes.Contains(src, body) {
		t.Fatalf("the starter data lacks %q", body)
	}
	src = bytes.Replace(src, body, append(body, "![The lake](img/lake.png \"The lake.\")\n\n"...), 1)
	if err := os.WriteFile(dataFile, src, 0o644); err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(dir, "img", "lake.png")
	if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(img, pngOf(t, color.RGBA{B: 200, A: 255}), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, diskSource(dir), testOptions())
	r1 := ts.get(t, "/briefing.pdf")
	wantStatus(t, "with an image", r1, 200)
	if err := os.WriteFile(img, pngOf(t, color.RGBA{R: 200, A: 255}), 0o644); err != nil {
		t.Fatal(err)
	}
	r2 := ts.get(t, "/briefing.pdf", "If-None-Match", r1.header.Get("ETag"))
	wantStatus(t, "the image changed", r2, 200)
	if bytes.Equal(r1.body, r2.body) {
		t.Errorf("the PDF did not change with its image")
	}
}
