package briefing

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirections holds the packages to the directions of design.md:
// data moves one way, and only the report side touches the PDF writer.
func TestImportDirections(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	type pkg struct {
		ImportPath string
		Imports    []string
		Deps       []string
	}
	const fpdf = "github.com/briefing-pdf/briefing/internal/third_party/fpdf"
	// root is the module's root package; allowed alone, not as a prefix.
	const root = "github.com/briefing-pdf/briefing"
	// allowed lists, per package, the non-standard imports it may make
	// (by prefix); a package not listed may import anything.
	allowed := map[string][]string{
		"github.com/briefing-pdf/briefing/data": {"github.com/BurntSushi/toml", "golang.org/x/text/unicode/norm", "github.com/briefing-pdf/briefing/internal/diag", "github.com/briefing-pdf/briefing/internal/rgb"},
		// The diagnostics and the colour type are leaves everything may use.
		"github.com/briefing-pdf/briefing/internal/diag":    {},
		"github.com/briefing-pdf/briefing/internal/rgb":     {"github.com/briefing-pdf/briefing/internal/diag"},
		"github.com/briefing-pdf/briefing/internal/typeset": {},
		"github.com/briefing-pdf/briefing/charts":           {"github.com/briefing-pdf/briefing/data", "github.com/briefing-pdf/briefing/internal/i18n", "gonum.org/v1/plot", "golang.org/x/image"},
		// The layout config: its embedded defaults (the root package,
		// which holds nothing else), the data's TOML scanner, ids and
		// import tables, the diagnostics, the colour type and the
		// messages; not the charts, the fonts, the typesetter or PDF. The
		// report depends on it, never the other way round.
		"github.com/briefing-pdf/briefing/config": {root, "github.com/briefing-pdf/briefing/data", "github.com/briefing-pdf/briefing/internal/diag",
			"github.com/briefing-pdf/briefing/internal/rgb", "github.com/briefing-pdf/briefing/internal/i18n", "golang.org/x/text"},
		// The server builds only through internal/build.
		"github.com/briefing-pdf/briefing/internal/server": {"github.com/briefing-pdf/briefing/internal/build", "github.com/briefing-pdf/briefing/internal/version",
			"github.com/briefing-pdf/briefing/internal/diag", "github.com/briefing-pdf/briefing/data", "github.com/briefing-pdf/briefing/report", "github.com/briefing-pdf/briefing/charts", "golang.org/x/sync"},
	}
	// Only the report's write stage and the chart canvas import fpdf (see
	// below); charts reach it only through gonum's own exporters.
	noFPDFImport := []string{"github.com/briefing-pdf/briefing/data", "github.com/briefing-pdf/briefing/config", "github.com/briefing-pdf/briefing/charts", "github.com/briefing-pdf/briefing/internal/typeset", "github.com/briefing-pdf/briefing/internal/fonts",
		"github.com/briefing-pdf/briefing/internal/build", "github.com/briefing-pdf/briefing/internal/server"}
	noFPDFDep := []string{"github.com/briefing-pdf/briefing/data", "github.com/briefing-pdf/briefing/config", "github.com/briefing-pdf/briefing/internal/typeset"}

	// The report's stages (docs/architecture.md): compose, paginate and
	// finish know nothing of fpdf; the write stage (pdfwrite) and the
	// chart canvas are the only code that imports it, and the frames
	// between finish and write do not depend on it. The commands use the
	// report, never the line breaker or the PDF writer themselves.
	const typeset = "github.com/briefing-pdf/briefing/internal/typeset"
	fpdfImporters := map[string]bool{
		"github.com/briefing-pdf/briefing/report/internal/pdfwrite": true,
		"github.com/briefing-pdf/briefing/internal/pdfcanvas":       true,
	}
	noFPDFDep = append(noFPDFDep, "github.com/briefing-pdf/briefing/report/internal/frames")
	writers := 0

	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		seen++
		if prefixes, ok := allowed[p.ImportPath]; ok {
			for _, imp := range p.Imports {
				if isStd(imp) {
					continue
				}
				ok := false
				for _, pre := range prefixes {
					if imp == pre || pre != root && strings.HasPrefix(imp, pre+"/") {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s imports %s, which design.md does not allow", p.ImportPath, imp)
				}
			}
		}
		if reaches(p.Imports, fpdf) && !reaches([]string{p.ImportPath}, fpdf) {
			if !fpdfImporters[p.ImportPath] {
				t.Errorf("%s imports %s: only the report's write stage (report/internal/pdfwrite) and the chart canvas (internal/pdfcanvas) may", p.ImportPath, fpdf)
			} else {
				writers++
			}
		}
		if strings.HasPrefix(p.ImportPath, "github.com/briefing-pdf/briefing/cmd/") {
			for _, banned := range []string{typeset, fpdf} {
				if reaches(p.Imports, banned) {
					t.Errorf("%s imports %s: the commands build through the report", p.ImportPath, banned)
				}
			}
		}
		for _, n := range noFPDFImport {
			if p.ImportPath == n && reaches(p.Imports, fpdf) {
				t.Errorf("%s imports %s: only the report side may", n, fpdf)
			}
		}
		for _, n := range noFPDFDep {
			if p.ImportPath == n && reaches(p.Deps, fpdf) {
				t.Errorf("%s depends on %s: it must know nothing of PDF", n, fpdf)
			}
		}
	}
	if writers != len(fpdfImporters) {
		t.Errorf("%d of the %d packages allowed to import fpdf do: has the write stage moved? Update this test and docs/architecture.md", writers, len(fpdfImporters))
	}
	if seen < 5 {
		t.Fatalf("go list found %d packages; want the whole module", seen)
	}
}

// reaches reports whether pkgs holds pkg or one of its sub-packages.
func reaches(pkgs []string, pkg string) bool {
	for _, d := range pkgs {
		if d == pkg || strings.HasPrefix(d, pkg+"/") {
			return true
		}
	}
	return false
}

// isStd reports whether an import path is in the standard library (its
// first element has no dot).
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "briefing"
}
