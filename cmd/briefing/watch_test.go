package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// watchRun runs a watcher on the starter briefing in a temporary
// directory; builds receives the error of each build attempt.
type watchRun struct {
	dir            string
	out            string
	stdout, stderr *syncBuffer
	builds         chan error
	stop           func()
}

func startWatch(t *testing.T) *watchRun {
	t.Helper()
	dir := starterDir(t)
	wr := &watchRun{dir: dir, out: filepath.Join(dir, "briefing.pdf"),
		stdout: &syncBuffer{}, stderr: &syncBuffer{}, builds: make(chan error, 64)}
	w := &watcher{config: filepath.Join(dir, "config.toml"), debounce: 20 * time.Millisecond,
		stdout: wr.stdout, stderr: wr.stderr, onBuild: func(err error) { wr.builds <- err }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	wr.stop = func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch: %v", err)
		}
	}
	t.Cleanup(func() {
		if ctx.Err() == nil {
			wr.stop()
		}
	})
	return wr
}

// next waits for the next build attempt.
func (wr *watchRun) next(t *testing.T) error {
	t.Helper()
	select {
	case err := <-wr.builds:
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("no build; stdout:\n%s\nstderr:\n%s", wr.stdout, wr.stderr)
		return nil
	}
}

// until waits for build attempts until ok accepts one (an editor's save
// may come as several events, and so as more than one build).
func (wr *watchRun) until(t *testing.T, what string, ok func(error) bool) {
	t.Helper()
	for range 10 {
		if ok(wr.next(t)) {
			return
		}
	}
	t.Fatalf("%s: not seen in 10 builds; stderr:\n%s", what, wr.stderr)
}

func readPDF(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWatchRebuildsAndKeepsTheLastGoodPDF(t *testing.T) {
	wr := startWatch(t)
	if err := wr.next(t); err != nil {
		t.Fatalf("first build: %v", err)
	}
	first := readPDF(t, wr.out)
	dataFile := filepath.Join(wr.dir, "data", "briefing.toml")
	orig := starterData(t)

	// A change to the data file: a new PDF.
	changed := bytes.Replace(orig, []byte("Water-Sharing Talks on Lake Orrin"), []byte("Talks on Lake Orrin"), 1)
	if err := os.WriteFile(dataFile, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "rebuild after a change", func(err error) bool {
		return err == nil && !bytes.Equal(readPDF(t, wr.out), first)
	})
	second := readPDF(t, wr.out)

	// A broken change: errors as validate prints them, the PDF kept.
	broken := bytes.Replace(changed, []byte(`date     = 2025-02-03`), []byte(`date     = "February"`), 1)
	if err := os.WriteFile(dataFile, broken, 0o644); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "a failed build", func(err error) bool { return err != nil })
	if !bytes.Equal(readPDF(t, wr.out), second) {
		t.Error("a broken input changed the PDF")
	}
	stderr := wr.stderr.String()
	want := filepath.Join(wr.dir, "data", "briefing.toml") + ":"
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "briefing: 1 error") {
		t.Errorf("stderr lacks the error as validate prints it (%s…):\n%s", want, stderr)
	}

	// An editor that saves by renaming a new file over the old one.
	tmp := filepath.Join(wr.dir, "data", ".briefing.toml.swp")
	if err := os.WriteFile(tmp, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dataFile); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "rebuild after a rename", func(err error) bool {
		return err == nil && bytes.Equal(readPDF(t, wr.out), first)
	})

	wr.stop()
	out := wr.stdout.String()
	if n := strings.Count(out, "built "+wr.out+": 5 pages, "); n < 3 {
		t.Errorf("stdout has %d build lines, want at least 3:\n%s", n, out)
	}
	// Nothing but the PDF is left behind (no temporary files).
	entries, _ := os.ReadDir(wr.dir)
	for _, e := range entries {
		if e.Name() != "config.toml" && e.Name() != "data" && e.Name() != "briefing.pdf" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestWatchIgnoresOtherFiles(t *testing.T) {
	wr := startWatch(t)
	if err := wr.next(t); err != nil {
		t.Fatal(err)
	}
	// Files beside the inputs, and the output itself, do not trigger a
	// build; a config change does.
	os.WriteFile(filepath.Join(wr.dir, "notes.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(wr.dir, "data", "other.toml"), []byte("x = ["), 0o644)
	cfg := filepath.Join(wr.dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, append(src, "\n[page]\nsize = \"Letter\"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := wr.next(t); err != nil {
		t.Fatalf("after a config change: %v", err)
	}
	if strings.Contains(wr.stderr.String(), "other.toml") {
		t.Error("a file the config does not name was read")
	}
}

func TestWatchUsage(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"watch"}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "nothing to watch") {
		t.Errorf("watch without a config: exit %d, %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"watch", "-config", "none.toml"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "none.toml") {
		t.Errorf("watch with a missing config: exit %d, %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"watch", "-o", "-"}, &stdout, &stderr); code != 2 {
		t.Errorf("watch -o -: exit %d, %s", code, stderr.String())
	}
}

func TestWatchFollowsTheConfig(t *testing.T) {
	wr := startWatch(t)
	if err := wr.next(t); err != nil {
		t.Fatal(err)
	}
	// The config moves its data to another directory: that directory is
	// watched from then on.
	other := filepath.Join(wr.dir, "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	data := starterData(t)
	if err := os.WriteFile(filepath.Join(other, "b.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(wr.dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	src = bytes.Replace(src, []byte(`data = ["data/briefing.toml"]`), []byte(`data = ["other/b.toml"]`), 1)
	if err := os.WriteFile(cfg, src, 0o644); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "rebuild after the config change", func(err error) bool { return err == nil })
	before := readPDF(t, wr.out)
	changed := bytes.Replace(data, []byte("Water-Sharing Talks on Lake Orrin"), []byte("Other Talks"), 1)
	if err := os.WriteFile(filepath.Join(other, "b.toml"), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "rebuild after a change in the new directory", func(err error) bool {
		return err == nil && !bytes.Equal(readPDF(t, wr.out), before)
	})
}

// TestWatchRecreatedDirectory removes the data directory with everything
// in it and makes it anew, as `rm -rf data; mkdir data` does: the watch
// on the old directory is gone with it, and the next save in the new one
// must still rebuild.
func TestWatchRecreatedDirectory(t *testing.T) {
	wr := startWatch(t)
	if err := wr.next(t); err != nil {
		t.Fatal(err)
	}
	first := readPDF(t, wr.out)
	dataDir := filepath.Join(wr.dir, "data")
	for round := 1; round <= 2; round++ {
		if err := os.RemoveAll(dataDir); err != nil {
			t.Fatal(err)
		}
		wr.until(t, "a failed build once data/ is gone", func(err error) bool { return err != nil })
		if err := os.Mkdir(dataDir, 0o755); err != nil {
			t.Fatal(err)
		}
		title := fmt.Sprintf("Round %d Talks", round)
		changed := bytes.Replace(starterData(t), []byte("Water-Sharing Talks on Lake Orrin"), []byte(title), 1)
		if err := os.WriteFile(filepath.Join(dataDir, "briefing.toml"), changed, 0o644); err != nil {
			t.Fatal(err)
		}
		wr.until(t, fmt.Sprintf("round %d: rebuild after the directory came back", round), func(err error) bool {
			return err == nil && !bytes.Equal(readPDF(t, wr.out), first)
		})
		first = readPDF(t, wr.out)
		// And an edit after that is seen too: the new directory is
		// watched, not only its parent.
		edited := bytes.Replace(changed, []byte(title), []byte(title+" Again"), 1)
		if err := os.WriteFile(filepath.Join(dataDir, "briefing.toml"), edited, 0o644); err != nil {
			t.Fatal(err)
		}
		wr.until(t, fmt.Sprintf("round %d: rebuild after an edit", round), func(err error) bool {
			return err == nil && !bytes.Equal(readPDF(t, wr.out), first)
		})
		first = readPDF(t, wr.out)
	}
	if !strings.Contains(wr.stderr.String(), "waiting for it to appear") {
		t.Errorf("watch did not say it waits for data/:\n%s", wr.stderr)
	}
}

// TestWatchMissingDirectoryAtStart starts with the data directory (two
// levels of it) missing: watch says it waits, watches the nearest
// ancestor that exists, and builds once the file appears.
func TestWatchMissingDirectoryAtStart(t *testing.T) {
	dir := starterDir(t)
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	src = bytes.Replace(src, []byte(`data = ["data/briefing.toml"]`), []byte(`data = ["later/deeper/b.toml"]`), 1)
	if err := os.WriteFile(cfg, src, 0o644); err != nil {
		t.Fatal(err)
	}
	wr := &watchRun{dir: dir, out: filepath.Join(dir, "briefing.pdf"),
		stdout: &syncBuffer{}, stderr: &syncBuffer{}, builds: make(chan error, 64)}
	w := &watcher{config: cfg, debounce: 20 * time.Millisecond,
		stdout: wr.stdout, stderr: wr.stderr, onBuild: func(err error) { wr.builds <- err }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	if err := wr.next(t); err == nil {
		t.Fatal("the first build succeeded without its data")
	}
	want := filepath.Join(dir, "later", "deeper") + " does not exist; waiting for it to appear (watching " + dir + ")"
	if !strings.Contains(wr.stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, wr.stderr)
	}
	deeper := filepath.Join(dir, "later", "deeper")
	if err := os.Mkdir(filepath.Join(dir, "later"), 0o755); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "a build once later/ exists", func(err error) bool { return err != nil })
	if err := os.Mkdir(deeper, 0o755); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "a build once later/deeper/ exists", func(err error) bool { return err != nil })
	if err := os.WriteFile(filepath.Join(deeper, "b.toml"), starterData(t), 0o644); err != nil {
		t.Fatal(err)
	}
	wr.until(t, "a build once the data file exists", func(err error) bool { return err == nil })
	if !strings.Contains(wr.stderr.String(), deeper+" is back; watching it again") {
		t.Errorf("stderr does not say the directory is back:\n%s", wr.stderr)
	}
}

// TestWatchConfigFIFO: a config that is a named pipe gives an error at
// once, and watch goes on waiting for a real config.
func TestWatchConfigFIFO(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	mkfifo(t, cfg)
	w := &watcher{config: cfg, debounce: 20 * time.Millisecond, stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	got := make(chan map[string]bool, 1)
	go func() { got <- w.inputs() }()
	select {
	case files := <-got:
		if len(files) != 1 {
			t.Errorf("inputs of a FIFO config: %v", files)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO config blocks")
	}
}
