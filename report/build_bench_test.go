package report_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/internal/synth"
	"github.com/briefing-pdf/briefing/report"
)

// synthetic loads a generated briefing of n events with its config.
func synthetic(b *testing.B, n int) (*data.Briefing, *report.Config, fstest.MapFS) {
	b.Helper()
	fsys := fstest.MapFS{}
	for name, src := range synth.Files(n, 1) {
		fsys[name] = &fstest.MapFile{Data: src}
	}
	br, cfg := loadInput(b, fsys, "config.toml")
	return br, cfg, fsys
}

// loadInput loads the config at path in fsys and the data it names.
func loadInput(b *testing.B, fsys fs.FS, path string) (*data.Briefing, *report.Config) {
	b.Helper()
	cfg, err := report.LoadConfig(fsys, path)
	if err != nil {
		b.Fatalf("LoadConfig: %v", err)
	}
	br, err := data.Load(fsys, cfg.Data)
	if err != nil {
		b.Fatalf("data.Load: %v", err)
	}
	return br, cfg
}

func benchBuild(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS) {
	b.ReportAllocs()
	var size int
	for b.Loop() {
		res, err := report.Build(br, cfg, fsys, report.Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(res.PDF)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkBuildBuiltin builds the built-in briefing from its loaded data.
func BenchmarkBuildBuiltin(b *testing.B) {
	br, cfg := loadInput(b, briefing.Builtin, "config.toml")
	benchBuild(b, br, cfg, briefing.Builtin)
}

func BenchmarkBuildSynthetic100(b *testing.B)  { benchSynthetic(b, 100) }
func BenchmarkBuildSynthetic1000(b *testing.B) { benchSynthetic(b, 1000) }

func BenchmarkBuildSynthetic10000(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 events: skipped under -short")
	}
	benchSynthetic(b, 10000)
}

func benchSynthetic(b *testing.B, n int) {
	br, cfg, fsys := synthetic(b, n)
	benchBuild(b, br, cfg, fsys)
}
