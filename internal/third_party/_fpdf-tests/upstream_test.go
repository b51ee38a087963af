package fpdf

// Upstream's own tests, run against this copy.
//
// The upstream module in the Go module cache (this module's graph holds
// it: gonum's vgpdf imports it) ships its tests, their helper packages
// and their test data. TestUpstream lays that module out again in a
// temporary directory with this package's library files in place of
// upstream's, and runs `go test` there (with -race when this test runs
// with it), so upstream's tests exercise our code unchanged, under
// their own import path. What it leaves out, and why, is listed in
// upstreamSkipped and upstreamReferenceCompare below, and in
// internal/third_party/README.md.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// upstreamSkipped lists upstream tests that do not run, with the reason.
var upstreamSkipped = map[string]string{
	"ExampleFpdf_RegisterImageReader": "fetches an image over the network (http.Get of a codeberg URL); tests are hermetic",
}

// upstreamReferenceCompare is what replaces the byte comparison of
// upstream's examples with their reference PDFs (pdf/reference): every
// reference differs from our output on purpose, since a font's resource
// name is a hash of its definition, which 01-speed computes another way
// (and the fonts of a page's resources, sorted by name, change order);
// 04-standards drops the empty /Names tree every reference has and adds a
// trailer /ID; 02-output-correctness adds subset tags, outline counts and
// indirect link annotations. So the examples write their PDFs without the
// comparison and TestUpstream checks each instead: pdfcpu validates it,
// and it has as many pages as its reference.
const (
	upstreamCompareCall = "err = fpdf.ComparePDFFiles(fileStr, refFileStr, false)"
	upstreamCompareOff  = "err = nil // compared by the fork's TestUpstream\n\t\t_ = refFileStr"
)

// upstreamSource returns the directory of the upstream release this copy
// is made from (the VERSION of scripts/vendor-fpdf) in the module cache.
func upstreamSource(t *testing.T) string {
	t.Helper()
	script, err := os.ReadFile(filepath.Join("..", "..", "..", "scripts", "vendor-fpdf"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^VERSION=(\S+)$`).FindSubmatch(script)
	if m == nil {
		t.Fatal("scripts/vendor-fpdf sets no VERSION")
	}
	out := goCmd(t, ".", "mod", "download", "-json", "codeberg.org/go-pdf/fpdf@"+string(m[1]))
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	return mod.Dir
}

func goCmd(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, msg)
	}
	return out
}

// upstreamModule lays out upstream's module at dir with this package's
// library files (and only them) in place of upstream's.
func upstreamModule(t *testing.T, src, dir string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		switch {
		case d.IsDir() && (top == "contrib" || top == "makefont" || top == "font_embed" || top == "ci"):
			// Packages with modules of their own to build, or (font_embed)
			// replaced by ours below.
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		case rel == "go.mod" || rel == "go.sum":
			return nil
		case !strings.Contains(rel, string(filepath.Separator)) && strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go"):
			return nil // upstream's library file: ours replace them
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}

	// Ours: the library files of this directory and the embedded font
	// metrics, not the tests (they need modules upstream does not have).
	own, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range own {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		copyFile(t, f, filepath.Join(dir, f))
	}
	if err := os.CopyFS(filepath.Join(dir, "font_embed"), os.DirFS("font_embed")); err != nil {
		t.Fatal(err)
	}

	// go.mod: upstream's path, every module of this module's graph at the
	// version it selects (so no other is needed), and our go.sum.
	gomod := goCmd(t, ".", "list", "-m", "-f", "{{if not .Main}}{{.Path}} {{.Version}}{{end}}", "all")
	var b strings.Builder
	b.WriteString("module codeberg.org/go-pdf/fpdf\n\ngo " + goVersion(t) + "\n\nrequire (\n")
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "codeberg.org/go-pdf/fpdf ") {
			continue
		}
		b.WriteString("\t" + line + "\n")
	}
	b.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join("..", "..", "..", "go.sum"), filepath.Join(dir, "go.sum"))

	example := filepath.Join(dir, "internal", "example", "example.go")
	code, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(code, []byte(upstreamCompareCall)) {
		t.Fatalf("upstream's internal/example no longer calls %q: update upstreamReferenceCompare", upstreamCompareCall)
	}
	code = bytes.Replace(code, []byte(upstreamCompareCall), []byte(upstreamCompareOff), 1)
	if err := os.WriteFile(example, code, 0o644); err != nil {
		t.Fatal(err)
	}
}

func goVersion(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join("..", "..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	return string(m[1])
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// upstreamPasswords are the user and owner passwords of the examples
// that encrypt their PDF.
var upstreamPasswords = map[string][2]string{
	"Fpdf_SetProtection.pdf": {"123", "abc"},
}

func TestUpstream(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go command runs upstream's tests: %v", err)
	}
	src := upstreamSource(t)
	// upstream's internal/example finds its test data by walking up to a
	// directory named fpdf.
	dir := filepath.Join(t.TempDir(), "fpdf")
	upstreamModule(t, src, dir)

	skip := make([]string, 0, len(upstreamSkipped))
	for name := range upstreamSkipped {
		skip = append(skip, regexp.QuoteMeta(name))
	}
	slices.Sort(skip)
	args := []string{"test", "-count=1", "-skip", "^(" + strings.Join(skip, "|") + ")$"}
	if raceEnabled {
		args = append(args, "-race")
	}
	args = append(args, ".", "./internal/...")
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	// The module graph is this module's, already in the module cache.
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"), "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("upstream's tests fail against this copy: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("ok  \tcodeberg.org/go-pdf/fpdf\t")) {
		t.Fatalf("upstream's tests did not run:\n%s", out)
	}
	t.Logf("%s", out)

	// What replaces the byte comparison: every PDF the examples wrote
	// that has a reference is valid and has the reference's page count.
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	refs, err := filepath.Glob(filepath.Join(dir, "pdf", "reference", "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, ref := range refs {
		name := filepath.Base(ref)
		got := filepath.Join(dir, "pdf", name)
		raw, err := os.ReadFile(got)
		if os.IsNotExist(err) {
			continue // an example that is skipped, or a reference no example writes
		}
		if err != nil {
			t.Fatal(err)
		}
		conf.UserPW, conf.OwnerPW = upstreamPasswords[name][0], upstreamPasswords[name][1]
		if err := api.Validate(bytes.NewReader(raw), conf); err != nil {
			t.Errorf("%s: pdfcpu: %v", name, err)
			continue
		}
		n, err := api.PageCount(bytes.NewReader(raw), conf)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		refRaw, err := os.ReadFile(ref)
		if err != nil {
			t.Fatal(err)
		}
		want, err := api.PageCount(bytes.NewReader(refRaw), conf)
		if err != nil {
			t.Fatalf("%s (upstream's reference): %v", name, err)
		}
		if n != want {
			t.Errorf("%s: %d pages, upstream's reference has %d", name, n, want)
		}
		checked++
	}
	t.Logf("%d of upstream's %d reference PDFs written, valid, with their page counts", checked, len(refs))
	if checked < len(refs)/2 {
		t.Errorf("only %d of upstream's %d reference PDFs were written and checked", checked, len(refs))
	}
}
