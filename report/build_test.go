package report

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/version"
)

var writePDF = flag.String("pdf", "", "write the built-in briefing's PDF to this file (for looking at it)")

var (
	builtinOnce sync.Once
	builtinB    *data.Briefing
	builtinErr  error
	builtinPDF  []byte
	builtinWarn []Warning
)

// builtin loads the built-in briefing once.
func builtin(t testing.TB) *data.Briefing {
	t.Helper()
	builtinOnce.Do(func() {
		builtinB, builtinErr = data.Load(briefing.Builtin, DefaultConfig().Data)
		if builtinErr == nil {
			builtinPDF, builtinWarn, builtinErr = buildPDF(builtinB, DefaultConfig(), briefing.Builtin, Options{})
		}
	})
	if builtinErr != nil {
		t.Fatalf("the built-in briefing: %v", builtinErr)
	}
	return builtinB
}

// builtinBuild is the built-in briefing built once with the defaults.
func builtinBuild(t testing.TB) ([]byte, []Warning) {
	builtin(t)
	return builtinPDF, builtinWarn
}

// mini is the small fixture under testdata/mini.
func mini(t testing.TB) (*data.Briefing, *Config, fs.FS) {
	t.Helper()
	fsys := os.DirFS("testdata")
	b, cfg := loadFS(t, fsys, "mini/config.toml")
	return b, cfg, fsys
}

func TestBuiltinBriefing(t *testing.T) {
	pdf, warns := builtinBuild(t)
	// The built-in briefing is set cleanly: nothing overfull, no heading
	// left at the foot of a page. (A loose line depends on the words of
	// the data and is only logged.)
	notices := 0
	for _, w := range warns {
		if w.Notice {
			notices++ // the one-source notice, checked in provenance_test.go
			continue
		}
		if strings.Contains(w.Msg, "loose") {
			t.Logf("warning: %s", w)
			continue
		}
		t.Errorf("warning: %s", w)
	}
	if notices != 1 {
		t.Errorf("%d notices, want the one-source notice: %v", notices, warns)
	}
	if *writePDF != "" {
		if err := os.WriteFile(*writePDF, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := readPDF(t, pdf)
	if n := doc.pages(); n < 8 || n > 30 {
		t.Errorf("%d pages, want 8 to 30", n)
	}
	for i := 1; i <= doc.pages(); i++ {
		if w, h := doc.size(i); abs(w-595.28) > 0.5 || abs(h-841.89) > 0.5 {
			t.Errorf("page %d is %gx%g pt, want A4", i, w, h)
		}
	}
	text := doc.allText()
	b := builtin(t)
	want := []string{b.Meta.Title, "Key judgments", "Contents", "Figure 1.", "Figure 2.",
		"In their own words", "Chronology", "Actors", "Notes and sources", "Sources"}
	for i, s := range b.Sections {
		want = append(want, itoa(i+1)+" "+s.Title)
	}
	for _, w := range want {
		if !strings.Contains(normalizeSpace(text), normalizeSpace(w)) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	// Non-ASCII text survives: the subtitle's en dash and the Türkiye ü.
	for _, w := range []string{"Armenia–Azerbaijan", "Türkiye", "’"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF's text lacks %q", w)
		}
	}
	if !strings.Contains(doc.text(2), "Page 2 of "+itoa(doc.pages())) {
		t.Errorf("page 2 has no footer %q", "Page 2 of "+itoa(doc.pages()))
	}
	if strings.Contains(doc.text(1), "Page 1 of") {
		t.Errorf("the cover has a footer")
	}

	info := doc.info()
	for k, v := range map[string]string{"Title": b.Meta.Title, "Author": b.Meta.Author, "Subject": b.Meta.Subtitle,
		"Creator": "briefing " + version.String(), "CreationDate": "D:20240115000000+00'00'", "ModDate": "D:20240115000000+00'00'"} {
		if info[k] != v {
			t.Errorf("info %s = %q, want %q", k, info[k], v)
		}
	}
	if !strings.Contains(info["Keywords"], "Türkiye") {
		t.Errorf("info Keywords = %q", info["Keywords"])
	}
	if lang, _ := doc.dict(doc.trailer["Root"])["Lang"].(string); lang != "en" {
		t.Errorf("catalog /Lang = %q, want en", lang)
	}
	titles, _ := doc.outline()
	for _, w := range []string{"Key judgments", "Contents", "1 " + b.Sections[0].Title, "Chronology", "Notes and sources"} {
		if !contains(titles, w) {
			t.Errorf("outline lacks %q; it has %q", w, titles)
		}
	}
	internal, _, _ := doc.links()
	// Contents entries and citations link inside the document.
	if internal < len(b.Sections)+5 {
		t.Errorf("%d internal links, want contents entries and citations", internal)
	}
	faces := byFace(t, doc.embeddedFonts())
	if len(faces) < 3 {
		t.Errorf("embedded TrueType fonts: %v, want the body, heading and italic faces at least", faces)
	}
	full := map[string]int{}
	for _, f := range fonts.New().Faces() {
		full[f.Name] = len(f.TTF)
	}
	for name, n := range faces {
		orig, ok := full[name]
		if !ok {
			t.Errorf("embedded font %s is none of the faces %v", name, fonts.Names())
		} else if n >= orig/2 {
			t.Errorf("font %s embedded with %d of its %d bytes, want a subset", name, n, orig)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// The contents shows the page each heading is really on.
func TestContentsPageNumbersAreTrue(t *testing.T) {
	pdf, _ := builtinBuild(t)
	doc := readPDF(t, pdf)
	contents := 0
	for n := 1; n <= doc.pages(); n++ {
		if strings.Contains(doc.text(n), "Contents") {
			contents = n
			break
		}
	}
	if contents == 0 {
		t.Fatal("no contents page")
	}
	ct := normalizeSpace(doc.text(contents))
	for _, h := range []string{"Chronology", "Notes and sources", "In their own words"} {
		m := regexp.MustCompile(regexp.QuoteMeta(h) + `[ .]*?(\d+)`).FindStringSubmatch(ct)
		if m == nil {
			t.Errorf("contents has no entry %q: %q", h, ct)
			continue
		}
		page := atoi(m[1])
		found := 0
		for n := contents + 1; n <= doc.pages() && found == 0; n++ {
			if strings.Contains(normalizeSpace(doc.text(n)), h) {
				found = n
			}
		}
		if found != page {
			t.Errorf("contents says %q is on page %d; it is on page %d", h, page, found)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDeterministic(t *testing.T) {
	b, cfg, fsys := mini(t)
	one, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	two, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one, two) {
		t.Fatal("two builds differ")
	}
	if !bytes.Contains(one, []byte("D:20240201000000")) {
		t.Error("without Created the dates are not the briefing's date")
	}
	created := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	three, _, err := buildPDF(b, cfg, fsys, Options{Created: created})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(one, three) {
		t.Fatal("Created changes nothing")
	}
	// The dates of the information dictionary and of the XMP; the
	// trailer's /ID hashes the content without them.
	back := bytes.ReplaceAll(three, []byte("D:20250304050607"), []byte("D:20240201000000"))
	back = bytes.ReplaceAll(back, []byte("2025-03-04T05:06:07Z"), []byte("2024-02-01T00:00:00Z"))
	if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(one) {
		t.Error("no trailer /ID")
	}
	if !bytes.Equal(one, back) {
		t.Error("a different Created changes more than the dates")
	}
}

func TestMiniBriefing(t *testing.T) {
	b, cfg, fsys := mini(t)
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, pdf)
	if w, h := doc.size(1); abs(w-612) > 0.5 || abs(h-792) > 0.5 {
		t.Errorf("page size %gx%g, want Letter", w, h)
	}
	internal, uri, uris := doc.links()
	if internal == 0 {
		t.Error("no internal links")
	}
	if uri == 0 || !contains(uris, "https://www.state.gov/") || !contains(uris, "https://www.state.gov/secretary-blinken-meeting/") {
		t.Errorf("URI links %q, want the Markdown link and the source URL", uris)
	}
	text := doc.allText()
	for _, w := range []string{"Test Briefing on Ğ and İ", "Test header Internal", "Cited on p.", "US Department of State",
		"1–4 May 2023", "June 2023", "“within reach”", "Antony Blinken"} {
		if !strings.Contains(text, w) && !strings.Contains(normalizeSpace(text), w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func TestMissingGlyph(t *testing.T) {
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`title     = "Second round"`), []byte(`title     = "Second round 中"`), 1)
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\n")},
		"data.toml":   {Data: src},
	}
	b, cfg := loadFS(t, fsys, "config.toml")
	_, _, err = buildPDF(b, cfg, fsys, Options{})
	if err == nil {
		t.Fatal("a character no font has built without error")
	}
	msg := err.Error()
	for _, w := range []string{"U+4E2D", "中", `event "talks-2"`, "data.toml:"} {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not name %q", msg, w)
		}
	}
}

func TestStrictWarnings(t *testing.T) {
	b, cfg, fsys := mini(t)
	// A word far wider than the measure cannot be set well: the breaker
	// cuts it, and the lines around it are overfull or loose.
	b.Sections[1].Body = "Short. " + strings.Repeat("x", 200) + " end."
	pdf, warns, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil || len(pdf) == 0 {
		t.Fatalf("non-strict build failed: %v", err)
	}
	found := false
	for _, w := range warns {
		if (strings.Contains(w.Msg, "overfull") || strings.Contains(w.Msg, "loose")) &&
			strings.Contains(w.Where, `section "outlook"`) && w.Page > 1 {
			found = true
		}
	}
	if !found {
		t.Fatalf("no warning for the outlook section: %v", warns)
	}
	pdf, _, err = buildPDF(b, cfg, fsys, Options{Strict: true})
	var se *StrictError
	if !errors.As(err, &se) || pdf != nil {
		t.Fatalf("strict build: err %v, %d bytes; want a StrictError and no PDF", err, len(pdf))
	}
}

func BenchmarkBuild(b *testing.B) {
	br := builtin(b)
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := buildPDF(br, cfg, briefing.Builtin, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A briefing with nothing but a title still builds: the blocks with
// nothing to show are left out, the empty charts with a notice.
func TestEmptyBriefing(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\n")},
		"data.toml":   {Data: []byte("[briefing]\ntitle = \"Nothing yet\"\ndate = 2024-03-01\n")},
	}
	b, cfg := loadFS(t, fsys, "config.toml")
	pdf, warns, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := readPDF(t, pdf)
	if doc.pages() != 1 || !strings.Contains(doc.text(1), "Nothing yet") {
		t.Errorf("%d pages, cover text %q", doc.pages(), doc.text(1))
	}
	if len(warns) != 2 || warns[0].Page != 0 || !strings.Contains(warns[0].String(), "timeline") {
		t.Errorf("warnings %v, want notices for the two empty charts", warns)
	}
}

// Every paper size and orientation builds, on pages of that size.
func TestPageSizes(t *testing.T) {
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		conf string
		w, h float64
	}{
		{"[page]\nsize = \"A5\"\norientation = \"landscape\"\nmargins = { top = 50, bottom = 50, left = 40, right = 40 }\n", 595.28, 419.53},
		{"[page]\nsize = \"Legal\"\n[fonts]\nparagraph = \"space\"\n", 612, 1008},
		{"[page]\nsize = \"A3\"\n[fonts]\nbody = \"sans\"\nheading = \"serif\"\n", 841.89, 1190.55},
	} {
		fsys := fstest.MapFS{
			"config.toml": {Data: []byte("data = [\"data.toml\"]\n" + c.conf)},
			"data.toml":   {Data: src},
		}
		b, cfg := loadFS(t, fsys, "config.toml")
		pdf, _, err := buildPDF(b, cfg, fsys, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.conf, err)
		}
		doc := readPDF(t, pdf)
		for i := 1; i <= doc.pages(); i++ {
			if w, h := doc.size(i); abs(w-c.w) > 0.5 || abs(h-c.h) > 0.5 {
				t.Errorf("%s: page %d is %gx%g, want %gx%g", c.conf, i, w, h, c.w, c.h)
			}
		}
		if !strings.Contains(doc.allText(), "Background") {
			t.Errorf("%s: no narrative", c.conf)
		}
	}
}

// Outline titles keep their Unicode even when the first thing on a page
// is a heading (no cover has set a font before it).
func TestOutlineUnicodeWithoutCover(t *testing.T) {
	b, cfg, fsys := mini(t)
	cfg.Blocks = []BlockName{BlockSections, BlockSources}
	b.Sections[0].Title = "Türkiye – Ğ"
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	titles, pages := readPDF(t, pdf).outline()
	if len(titles) == 0 || titles[0] != "1 Türkiye – Ğ" || pages[0] != 1 {
		t.Errorf("outline %q on pages %v, want %q first, on page 1", titles, pages, "1 Türkiye – Ğ")
	}
}

// Text that only a chart shows is checked too.
func TestMissingGlyphInChart(t *testing.T) {
	src, err := os.ReadFile("testdata/mini/data.toml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`name  = "Ararat Mirzoyan"`), []byte(`name  = "Ararat 中 Mirzoyan"`), 1)
	fsys := fstest.MapFS{
		"config.toml": {Data: []byte("data = [\"data.toml\"]\nblocks = [\"actors\"]\n")},
		"data.toml":   {Data: src},
	}
	b, cfg := loadFS(t, fsys, "config.toml")
	_, _, err = buildPDF(b, cfg, fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "U+4E2D") || !strings.Contains(err.Error(), `actor "mirzoyan"`) {
		t.Fatalf("err = %v, want the snowman and the actor named", err)
	}
}

// Markdown of any shape builds: deep nesting, broken citations and
// emphasis, raw HTML, code, images and headings.
func TestOddMarkdown(t *testing.T) {
	b, cfg, fsys := mini(t)
	deep := ""
	for i := 0; i < 40; i++ {
		deep += strings.Repeat("  ", i) + "- level " + itoa(i) + "\n"
	}
	b.Sections[1].Body = deep + "\n" + strings.Repeat("> ", 30) + "quoted deep\n\n" +
		"Broken [@ and [@talks-1 and **strong and *em [link](https://x.test \"t\") <b>html</b>\n\n" +
		"```\ncode [@talks-1]\n```\n\nSee ![alt text](img.png) inline.\n\n# Heading\n\n---\n\n<div>block</div>\n\n" +
		"Tab\tand\u00a0no-break and trailing  \nbreak."
	pdf, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := readPDF(t, pdf).allText()
	for _, w := range []string{"level 39", "quoted deep", "alt text", "Heading", "code [@talks-1]"} {
		if !strings.Contains(text, w) && !strings.Contains(normalizeSpace(text), w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

// The page numbers the notes print ("Cited on pp. 2, 3") are those the
// citations land on: the layout is repeated until they agree.
func TestBackReferencesAreTrue(t *testing.T) {
	b := builtin(t)
	notesFirst := DefaultConfig()
	// With the notes before the narrative their length moves the pages
	// they cite.
	notesFirst.Blocks = []BlockName{BlockCover, BlockSources, BlockSummary, BlockSections, BlockChronology}
	for _, cfg := range []*Config{DefaultConfig(), notesFirst} {
		checkBackReferences(t, b, cfg)
	}
}

func checkBackReferences(t *testing.T, b *data.Briefing, cfg *Config) {
	t.Helper()
	lay := laidOut(t, b, cfg, briefing.Builtin)
	cites := 0
	for name, page := range lay.refs {
		if !strings.HasPrefix(name, "cite-") {
			continue
		}
		cites++
		if lay.d.refs[name] != page {
			t.Errorf("%s is on page %d; the notes say %d", name, page, lay.d.refs[name])
		}
	}
	if cites == 0 {
		t.Fatal("no citations laid out")
	}
}

// Builds may run at the same time (briefing serve does) and still give
// the same bytes.
func TestConcurrentBuilds(t *testing.T) {
	b, cfg, fsys := mini(t)
	want, _, err := buildPDF(b, cfg, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _, errs[i] = buildPDF(b, cfg, fsys, Options{})
		}()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || !bytes.Equal(got[i], want) {
			t.Errorf("build %d: err %v, same bytes %v", i, errs[i], bytes.Equal(got[i], want))
		}
	}
}

// A config made in code is checked too: no panic, errors instead.
func TestBuildChecksConfig(t *testing.T) {
	b, _, fsys := mini(t)
	_, _, err := buildPDF(b, &Config{}, fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "fonts.body_size") {
		t.Fatalf("err = %v, want the config's problems", err)
	}
}

// buildPDF is Build's result taken apart: the PDF, the warnings and the
// error.
func buildPDF(b *data.Briefing, cfg *Config, fsys fs.FS, opt Options) ([]byte, []Warning, error) {
	res, err := Build(b, cfg, fsys, opt)
	if res == nil {
		return nil, nil, err
	}
	return res.PDF, res.Warnings, err
}
