package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// builtinPDF builds the built-in briefing the way a user does, with the
// bare command in an empty directory (with -q, so that anything on stderr
// is a warning), and returns the file's bytes.
func builtinPDF(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("SOURCE_DATE_EPOCH", "")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("briefing: exit %d: %s", code, stderr.String())
	}
	// The one thing it prints is the notice that it rests on one source.
	if !regexp.MustCompile(`^data/us-mediation-2023\.toml:\d+:\d+: notice: .*rests on one source.*\n$`).MatchString(stderr.String()) {
		t.Errorf("briefing printed to stderr: %s", stderr.String())
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "briefing.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func pdfcpuConfig() *model.Configuration {
	model.ConfigPath = "disable" // no configuration files in the user's home
	conf := model.NewDefaultConfiguration()
	// Strict: fpdf writes the outline's Count and link annotations as
	// indirect objects, which is what strict validation asks for.
	conf.ValidationMode = model.ValidationStrict
	return conf
}

// TestBuiltinPDFReadsInPdfcpu reads the default briefing back with an
// independent PDF library: it validates strictly, has an outline that
// mirrors the headings, embeds every font it uses, and its chart pages hold
// no images: the charts are vectors.
func TestBuiltinPDFReadsInPdfcpu(t *testing.T) {
	pdf := builtinPDF(t)
	conf := pdfcpuConfig()
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Fatalf("pdfcpu validation (strict): %v", err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil {
		t.Fatal(err)
	}
	if ctx.PageCount < 8 || ctx.PageCount > 30 {
		t.Errorf("%d pages; the built-in briefing should take 8 to 30", ctx.PageCount)
	}

	bms, err := api.Bookmarks(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatalf("bookmarks: %v", err)
	}
	var titles []string
	var walk func([]pdfcpu.Bookmark)
	walk = func(bs []pdfcpu.Bookmark) {
		for _, b := range bs {
			titles = append(titles, b.Title)
			walk(b.Kids)
		}
	}
	walk(bms)
	outline := strings.Join(titles, "|")
	for _, want := range []string{"Key judgments", "Contents", "1 Background", "Chronology", "Notes and sources"} {
		if !strings.Contains(outline, want) {
			t.Errorf("outline lacks %q: %s", want, outline)
		}
	}
	// The outline nests as the headings do: the list of sources is a
	// subsection of the notes.
	nested := false
	for _, b := range bms {
		if b.Title == "Notes and sources" {
			for _, k := range b.Kids {
				nested = nested || k.Title == "Sources"
			}
		}
	}
	if !nested {
		t.Errorf("outline: \"Sources\" is not under \"Notes and sources\": %s", outline)
	}

	images, err := api.Images(bytes.NewReader(pdf), nil, conf)
	if err != nil {
		t.Fatalf("images: %v", err)
	}
	for _, page := range images {
		for _, img := range page {
			t.Errorf("page %d holds a raster image (obj#%d); charts must be vectors", img.PageNr, img.ObjNr)
		}
	}

	// Every font descriptor carries its embedded TrueType program.
	fonts := 0
	for nr, entry := range ctx.XRefTable.Table {
		if entry == nil || entry.Free {
			continue
		}
		d, ok := entry.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "FontDescriptor" {
			continue
		}
		fonts++
		if _, ok := d.Find("FontFile2"); !ok {
			t.Errorf("font descriptor obj#%d (%v) embeds no TrueType program", nr, d["FontName"])
		}
	}
	if fonts < 3 {
		t.Errorf("%d embedded fonts; want the body, heading and italic faces at least", fonts)
	}
}

// One version everywhere: `briefing --version`, `briefing -version` and
// `briefing version` print what the PDF's Creator and Producer say.
func TestVersionEverywhere(t *testing.T) {
	var printed []string
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Fatalf("%q: exit %d, %s", args, code, stderr.String())
		}
		printed = append(printed, stdout.String())
	}
	if printed[0] != printed[1] || printed[0] != printed[2] {
		t.Fatalf("the version commands disagree: %q", printed)
	}
	v, ok := strings.CutPrefix(strings.TrimSuffix(printed[0], "\n"), "briefing ")
	if !ok || v == "" || strings.ContainsAny(v, " \n") {
		t.Fatalf("version output %q, want \"briefing VERSION\"", printed[0])
	}
	ctx, err := api.ReadContext(bytes.NewReader(builtinPDF(t)), pdfcpuConfig())
	if err != nil {
		t.Fatal(err)
	}
	// Read from the Info dictionary: pdfcpu keeps the Producer to itself.
	info, err := ctx.DereferenceDict(*ctx.Info)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"Creator": "briefing " + v, "Producer": "briefing " + v + " (fpdf)"} {
		got, err := types.StringOrHexLiteral(info[key])
		if err != nil {
			t.Fatal(key, err)
		}
		if *got != want {
			t.Errorf("%s %q, want %q", key, *got, want)
		}
	}
}
