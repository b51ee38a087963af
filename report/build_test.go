package report

import (
	"flag"
	"os"
	"sync"
	"testing"

	"briefing"
	"briefing/data"
)

var writePDF = flag.String("pdf", "", "write the built-in briefing's PDF to this file")

var (
	builtinOnce sync.Once
	builtinB    *data.Briefing
	builtinErr  error
)

// builtin loads the built-in briefing once.
func builtin(t testing.TB) *data.Briefing {
	t.Helper()
	builtinOnce.Do(func() {
		builtinB, builtinErr = data.Load(briefing.Builtin, DefaultConfig().Data)
	})
	if builtinErr != nil {
		t.Fatalf("loading the built-in briefing: %v", builtinErr)
	}
	return builtinB
}

func buildBuiltin(t testing.TB, opt Options) ([]byte, []Warning) {
	t.Helper()
	pdf, warns, err := Build(builtin(t), DefaultConfig(), briefing.Builtin, opt)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return pdf, warns
}

func TestBuildBuiltin(t *testing.T) {
	pdf, warns := buildBuiltin(t, Options{})
	for _, w := range warns {
		t.Logf("warning: %s", w)
	}
	if *writePDF != "" {
		if err := os.WriteFile(*writePDF, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
