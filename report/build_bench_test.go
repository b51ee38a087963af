package report_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"briefing"
	"briefing/data"
	"briefing/internal/synth"
	"briefing/report"
)

// synthetic loads a generated briefing of n events with its config.
func synthetic(b *testing.B, n int) (*data.Briefing, *report.Config, fstest.MapFS) {
	b.Helper()
	fsys := fstest.MapFS{}
	for name, src := range synth.Files(n, 1) {
		fsys[name] = &fstest.MapFile{Data: src}
	}
	cfg, err := report.LoadConfig(fsys, "config.toml")
	if err != nil {
		b.Fatal(err)
	}
	br, err := data.Load(fsys, cfg.Data)
	if err != nil {
		b.Fatal(err)
	}
	return br, cfg, fsys
}

func benchBuild(b *testing.B, br *data.Briefing, cfg *report.Config, fsys fs.FS) {
	b.ReportAllocs()
	var size int
	for b.Loop() {
		pdf, _, err := report.Build(br, cfg, fsys, report.Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkBuildBuiltin builds the built-in briefing from its loaded data.
func BenchmarkBuildBuiltin(b *testing.B) {
	cfg, err := report.LoadConfig(briefing.Builtin, "config.toml")
	if err != nil {
		b.Fatal(err)
	}
	br, err := data.Load(briefing.Builtin, cfg.Data)
	if err != nil {
		b.Fatal(err)
	}
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
