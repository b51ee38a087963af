package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `goos: linux
pkg: briefing/cmd/briefing
BenchmarkProcess/input=builtin 	1	50000000 ns/op	40.0 peak-RSS-MB	197363 pdf-bytes	12 pages
BenchmarkProcess/input=events-1000 	1	300000000 ns/op	90.0 peak-RSS-MB	1 pdf-bytes	225 pages
BenchmarkProcess/input=builtin 	1	30000000 ns/op	38.0 peak-RSS-MB	197363 pdf-bytes	12 pages
BenchmarkProcess/input=events-1000 	1	200000000 ns/op	80.0 peak-RSS-MB	1 pdf-bytes	225 pages
BenchmarkProcess/input=builtin 	1	70000000 ns/op	39.0 peak-RSS-MB	197363 pdf-bytes	12 pages
`

func TestParse(t *testing.T) {
	pts, err := parse(strings.NewReader(sample), 24)
	if err != nil {
		t.Fatal(err)
	}
	want := []point{{Events: 24, Seconds: 0.05, RSSMB: 39}, {Events: 1000, Seconds: 0.25, RSSMB: 85}}
	if len(pts) != len(want) {
		t.Fatalf("got %v, want %v", pts, want)
	}
	for i := range want {
		if pts[i] != want[i] {
			t.Errorf("point %d: got %+v, want %+v", i, pts[i], want[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"BenchmarkProcess/input=huge \t1\t5 ns/op\n",
		"BenchmarkProcess/input=events-x \t1\t5 ns/op\n",
		"BenchmarkProcess/input=builtin \t1\tfast ns/op\n",
	} {
		if _, err := parse(strings.NewReader(in), 24); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestWrite(t *testing.T) {
	pts, err := parse(strings.NewReader(sample), 24)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "p.png")
	if err := write(name, []series{{"a", pts}, {"b", pts}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(name)
	if err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Fatalf("not a PNG: %v", err)
	}
}
