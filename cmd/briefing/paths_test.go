//go:build unix

package main

// File and path safety (issue 12): a build never writes over one of its
// inputs, a config's output stays in its folder, special files are
// written through and never renamed over, and every input is a regular
// file inside the config's folder, read without hanging.

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefing-pdf/briefing/internal/build"
)

// cli runs the command line and returns its exit status and output. It
// fails the test if the command does not end within a minute: none of
// these cases may hang (on a named pipe, say).
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &out, &errb) }()
	select {
	case code = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("briefing %s: still running after a minute", strings.Join(args, " "))
	}
	return code, out.String(), errb.String()
}

// briefingDir writes a starter briefing into a new directory, with the
// given config, and returns the directory.
func briefingDir(t *testing.T, config string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "b")
	if _, err := writeStarter(dir); err != nil {
		t.Fatal(err)
	}
	if config != "" {
		write(t, filepath.Join(dir, "config.toml"), config)
	}
	return dir
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noTempFiles fails if a temporary file of writeFileAtomic is left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

// Item 1: the output is never one of the inputs, whichever way it is
// named: -o or the config's output key, the same path spelt otherwise, a
// symbolic link or a hard link to the input.
func TestOutputIsNeverAnInput(t *testing.T) {
	const config = `data = ["data/briefing.toml"]
output = %q
[fonts.files]
serif = "fonts/serif.ttf"
[cover]
logo = "logo.png"
[hyphenation]
patterns = "hyph.tex"
`
	for _, tt := range []struct {
		name   string
		output string // the config's output key; "" for the default
		flag   func(dir string) string
		victim string // the input that must survive, relative to dir
	}{
		{"-o config", "", func(d string) string { return filepath.Join(d, "config.toml") }, "config.toml"},
		{"-o data", "", func(d string) string { return filepath.Join(d, "data", "briefing.toml") }, "data/briefing.toml"},
		{"-o data spelt otherwise", "", func(d string) string { return d + "/data/../data/./briefing.toml" }, "data/briefing.toml"},
		{"-o font", "", func(d string) string { return filepath.Join(d, "fonts", "serif.ttf") }, "fonts/serif.ttf"},
		{"-o logo", "", func(d string) string { return filepath.Join(d, "logo.png") }, "logo.png"},
		{"-o patterns", "", func(d string) string { return filepath.Join(d, "hyph.tex") }, "hyph.tex"},
		{"-o symlink to data", "", func(d string) string {
			link := filepath.Join(filepath.Dir(d), "link.pdf")
			os.Symlink(filepath.Join(d, "data", "briefing.toml"), link)
			return link
		}, "data/briefing.toml"},
		{"-o hard link to config", "", func(d string) string {
			link := filepath.Join(filepath.Dir(d), "hard.pdf")
			os.Link(filepath.Join(d, "config.toml"), link)
			return link
		}, "config.toml"},
		{"output key = data", "data/briefing.toml", nil, "data/briefing.toml"},
		{"output key = config", "config.toml", nil, "config.toml"},
		{"output key = logo", "./logo.png", nil, "logo.png"},
		{"output key = symlink to font", "font-link.pdf", nil, "fonts/serif.ttf"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := tt.output
			if out == "" {
				out = "briefing.pdf"
			}
			dir := briefingDir(t, strings.Replace(config, "%q", `"`+out+`"`, 1))
			write(t, filepath.Join(dir, "fonts", "serif.ttf"), "not really a font")
			write(t, filepath.Join(dir, "logo.png"), "not really a logo")
			write(t, filepath.Join(dir, "hyph.tex"), "\\patterns{a1b}")
			os.Symlink(filepath.Join("fonts", "serif.ttf"), filepath.Join(dir, "font-link.pdf"))
			before := read(t, filepath.Join(dir, tt.victim))
			args := []string{"build", "-config", filepath.Join(dir, "config.toml")}
			if tt.flag != nil {
				args = append(args, "-o", tt.flag(dir))
			}
			code, _, stderr := cli(t, args...)
			if code != 1 || !strings.Contains(stderr, "refusing to write over an input") {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if got := read(t, filepath.Join(dir, tt.victim)); got != before {
				t.Errorf("%s was overwritten", tt.victim)
			}
			noTempFiles(t, dir)
		})
	}
}

// charts -o DIR never writes a chart over an input either (a logo named
// timeline.png, say).
func TestChartsNeverOverwriteAnInput(t *testing.T) {
	dir := briefingDir(t, "data = [\"data/briefing.toml\"]\n[cover]\nlogo = \"timeline.png\"\n")
	write(t, filepath.Join(dir, "timeline.png"), "the logo")
	code, _, stderr := cli(t, "charts", "-config", filepath.Join(dir, "config.toml"), "-format", "png", "-o", dir)
	if code != 1 || !strings.Contains(stderr, "the logo of this build") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if read(t, filepath.Join(dir, "timeline.png")) != "the logo" {
		t.Error("the logo was overwritten")
	}
}

// Item 2: the config's output key stays inside the config's folder: no
// .., no absolute path (both positioned), no symbolic link out. -o may
// name any path.
func TestConfigOutputStaysInItsFolder(t *testing.T) {
	elsewhere := t.TempDir()
	victim := filepath.Join(elsewhere, "victim")
	for _, tt := range []struct {
		name, output, want string
	}{
		{"dotdot", "../../victim", `config.toml:2:1: output: "../../victim" climbs above the config's directory`},
		{"absolute", victim, `config.toml:2:1: output: "` + victim + `" is an absolute path`},
		{"symlinked folder", "out/victim", "outside the config's folder"},
		{"symlink to a file outside", "victim-link", "outside the config's folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			write(t, victim, "precious")
			dir := briefingDir(t, "data = [\"data/briefing.toml\"]\noutput = \""+tt.output+"\"\n")
			os.Symlink(elsewhere, filepath.Join(dir, "out"))
			os.Symlink(victim, filepath.Join(dir, "victim-link"))
			code, _, stderr := cli(t, "build", "-config", filepath.Join(dir, "config.toml"))
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want %q in stderr:\n%s", code, tt.want, stderr)
			}
			if read(t, victim) != "precious" {
				t.Error("a file outside the config's folder was overwritten")
			}
			ents, _ := os.ReadDir(elsewhere)
			if len(ents) != 1 {
				t.Errorf("files written outside the folder: %v", ents)
			}
		})
	}
	// -o goes where it is told, symbolic links included; a link is kept
	// and the file it leads to replaced.
	dir := briefingDir(t, "")
	link := filepath.Join(dir, "latest.pdf")
	os.Symlink(victim, link)
	if code, _, stderr := cli(t, "build", "-config", filepath.Join(dir, "config.toml"), "-o", link); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(read(t, victim), "%PDF-") {
		t.Error("-o through a symbolic link did not write the file it leads to")
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v", err)
	}
	if code, _, stderr := cli(t, "build", "-config", filepath.Join(dir, "config.toml"), "-o", filepath.Join(elsewhere, "new.pdf")); code != 0 {
		t.Errorf("-o outside the folder: exit %d: %s", code, stderr)
	}
}

// Item 3: special files are written through, never renamed over, and a
// named pipe without a reader is an error, not a hang.
func TestOutputToSpecialFiles(t *testing.T) {
	dir := briefingDir(t, "")
	config := filepath.Join(dir, "config.toml")

	fifo := filepath.Join(t.TempDir(), "pipe")
	mkfifo(t, fifo)
	code, _, stderr := cli(t, "build", "-config", config, "-o", fifo)
	if code != 1 || !strings.Contains(stderr, "a named pipe that no process is reading") {
		t.Errorf("pipe without a reader: exit %d, stderr:\n%s", code, stderr)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	var pdf []byte
	for i := 0; i < 100; i++ { // until the reader has opened the pipe
		code, _, stderr = cli(t, "build", "-config", config, "-o", fifo)
		if code == 0 || !strings.Contains(stderr, "no process is reading") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code != 0 {
		t.Fatalf("pipe with a reader: exit %d, stderr:\n%s", code, stderr)
	}
	select {
	case pdf = <-got:
	case <-time.After(time.Minute):
		t.Fatal("the reader of the pipe got no end of file")
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Errorf("the pipe carried %d bytes, not a whole PDF", len(pdf))
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v", err)
	}
	noTempFiles(t, filepath.Dir(fifo))

	// The system's null and full devices, where there are such.
	for _, dev := range []struct{ name, want string }{{"/dev/null", ""}, {"/dev/full", "/dev/full: no space left on device"}} {
		st, err := os.Stat(dev.name)
		if err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			continue
		}
		code, _, stderr := cli(t, "build", "-config", config, "-o", dev.name)
		if dev.want == "" && code != 0 || dev.want != "" && (code != 1 || !strings.Contains(stderr, dev.want)) {
			t.Errorf("-o %s: exit %d, stderr:\n%s", dev.name, code, stderr)
		}
		if strings.Contains(stderr, ".tmp") {
			t.Errorf("-o %s: the error names a temporary file: %s", dev.name, stderr)
		}
		if st, err := os.Stat(dev.name); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a device", dev.name)
		}
	}
}

// Item 26: -o naming a directory says so, and no error ever names the
// temporary file.
func TestOutputErrorsNameNoTempFile(t *testing.T) {
	dir := briefingDir(t, "")
	config := filepath.Join(dir, "config.toml")
	pdfs := filepath.Join(t.TempDir(), "pdfs")
	os.Mkdir(pdfs, 0o755)
	notDir := filepath.Join(t.TempDir(), "file")
	write(t, notDir, "x")
	for _, tt := range []struct{ out, want string }{
		{pdfs, pdfs + ": is a directory"},
		{pdfs + "/", "is a directory"},
		{filepath.Join(pdfs, "no", "x.pdf"), "does not exist"},
		{filepath.Join(notDir, "x.pdf"), "not a directory"},
	} {
		code, _, stderr := cli(t, "build", "-config", config, "-o", tt.out)
		if code != 1 || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, ".tmp") {
			t.Errorf("-o %s: exit %d, want %q and no temporary file in:\n%s", tt.out, code, tt.want, stderr)
		}
		noTempFiles(t, pdfs)
		noTempFiles(t, filepath.Dir(pdfs))
	}
	// A directory in the way of the config's output key too.
	os.Mkdir(filepath.Join(dir, "briefing.pdf"), 0o755)
	code, _, stderr := cli(t, "build", "-config", config)
	if code != 1 || !strings.Contains(stderr, "briefing.pdf: is a directory") || strings.Contains(stderr, ".tmp") {
		t.Errorf("output key naming a directory: exit %d, stderr:\n%s", code, stderr)
	}
	noTempFiles(t, dir)
}

// Items 8 and 22: every input (config, data, font, logo, patterns) is a
// regular file whose real path lies inside the config's folder. Named
// pipes, directories, devices and links out of the folder get a clear
// error naming the file, at once.
func TestInputsAreRegularFilesInsideTheFolder(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.toml"), "[briefing]\ntitle = \"secret\"\n")
	os.MkdirAll(filepath.Join(outside, "sub"), 0o755)
	write(t, filepath.Join(outside, "sub", "x.toml"), "[briefing]\n")
	kinds := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"named pipe", func(t *testing.T, p string) { mkfifo(t, p) }, "is a named pipe (FIFO), not a regular file"},
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }, "is a directory"},
		{"link to a file outside", func(t *testing.T, p string) { os.Symlink(filepath.Join(outside, "secret.toml"), p) }, "outside the config's folder"},
		{"relative link climbing out", func(t *testing.T, p string) {
			rel, _ := filepath.Rel(filepath.Dir(p), filepath.Join(outside, "secret.toml"))
			os.Symlink(rel, p)
		}, "outside the config's folder"},
		{"link to a device", func(t *testing.T, p string) { os.Symlink("/dev/zero", p) }, "outside the config's folder"},
		{"link to a named pipe inside", func(t *testing.T, p string) {
			mkfifo(t, p+".fifo")
			os.Symlink(filepath.Base(p)+".fifo", p)
		}, "is a named pipe (FIFO)"},
	}
	inputs := []struct {
		name, config, file, want string
	}{
		{"data", "data = [\"data/in.toml\"]\n", "data/in.toml", "data/in.toml: "},
		{"font", "data = [\"data/briefing.toml\"]\n[fonts.files]\nsans = \"in.ttf\"\n", "in.ttf", "in.ttf: font for face sans: "},
		{"logo", "data = [\"data/briefing.toml\"]\n[cover]\nlogo = \"in.png\"\n", "in.png", "in.png: cover.logo: "},
		{"patterns", "data = [\"data/briefing.toml\"]\n[hyphenation]\npatterns = \"in.tex\"\n", "in.tex", "in.tex: hyphenation patterns: "},
		{"config", "", "in-config.toml", "in-config.toml: cannot read config: "},
	}
	for _, in := range inputs {
		for _, k := range kinds {
			t.Run(in.name+"/"+k.name, func(t *testing.T) {
				dir := briefingDir(t, in.config)
				path := filepath.Join(dir, filepath.FromSlash(in.file))
				k.make(t, path)
				config := filepath.Join(dir, "config.toml")
				if in.name == "config" {
					config = path
				}
				out := filepath.Join(t.TempDir(), "out.pdf")
				code, _, stderr := cli(t, "build", "-config", config, "-o", out)
				want, kwant := in.want, k.want
				if in.name == "config" && k.name == "directory" {
					// A directory named as the config stands for the
					// config.toml in it, which is not there.
					want, kwant = filepath.Join("in-config.toml", "config.toml"), "no such file"
				}
				if code != 1 || !strings.Contains(stderr, want) || !strings.Contains(stderr, kwant) {
					t.Errorf("exit %d, want %q and %q in stderr:\n%s", code, want, kwant, stderr)
				}
				if strings.Contains(stderr, "secret") && !strings.Contains(stderr, "secret.toml,") {
					t.Errorf("a file outside the folder was read:\n%s", stderr)
				}
				if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a PDF was written: %v", err)
				}
			})
		}
	}
	// A folder reached through a symbolic link out is outside too.
	dir := briefingDir(t, "data = [\"ext/sub/x.toml\"]\n")
	os.Symlink(outside, filepath.Join(dir, "ext"))
	code, _, stderr := cli(t, "validate", "-config", filepath.Join(dir, "config.toml"))
	if code != 1 || !strings.Contains(stderr, "outside the config's folder") {
		t.Errorf("data through a linked folder: exit %d, stderr:\n%s", code, stderr)
	}
}

// A ./config.toml that cannot be read is an error, not a reason to build
// the built-in briefing instead.
func TestUnreadableConfigHereIsAnError(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"named pipe", func(t *testing.T, p string) { mkfifo(t, p) }, "config.toml: cannot read config: is a named pipe (FIFO)"},
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }, "config.toml: cannot read config: is a directory"},
		{"broken link", func(t *testing.T, p string) { os.Symlink("nothere.toml", p) }, "config.toml: cannot read config: no such file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			tt.make(t, "config.toml")
			code, stdout, stderr := cli(t, "validate")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
			}
		})
	}
}

// Links that stay inside the folder are followed, absolute or relative.
func TestLinksInsideTheFolderAreRead(t *testing.T) {
	dir := briefingDir(t, "data = [\"abs.toml\", \"rel/events.toml\"]\n")
	os.Symlink(filepath.Join(dir, "data", "briefing.toml"), filepath.Join(dir, "abs.toml"))
	os.Symlink("data", filepath.Join(dir, "rel"))
	write(t, filepath.Join(dir, "data", "events.toml"), "")
	code, stdout, stderr := cli(t, "validate", "-config", filepath.Join(dir, "config.toml"))
	if code != 0 || !strings.HasPrefix(stdout, "ok: ") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
}

// The folder rule and the regular-file rule hold for the server's and the
// watcher's file system too: build.DirFS refuses before anything is read.
func TestDirFSRefusesAtOpen(t *testing.T) {
	dir := t.TempDir()
	mkfifo(t, filepath.Join(dir, "pipe"))
	os.Symlink("/dev/zero", filepath.Join(dir, "zero"))
	write(t, filepath.Join(dir, "ok.toml"), "x = 1\n")
	fsys := build.DirFS(dir)
	for _, name := range []string{"pipe", "zero", "../x", "/etc/passwd"} {
		if f, err := fsys.Open(name); err == nil {
			f.Close()
			t.Errorf("Open(%q) succeeded", name)
		}
	}
	b, err := fs.ReadFile(fsys, "ok.toml")
	if err != nil || string(b) != "x = 1\n" {
		t.Errorf("ReadFile(ok.toml) = %q, %v", b, err)
	}
}

// Item 29: one error line, one path style. A config named in another
// folder labels the files of errors and the files inside messages alike.
func TestErrorsUseOnePathStyle(t *testing.T) {
	dir := briefingDir(t, "data = [\"data/briefing.toml\", \"data/more.toml\"]\n")
	write(t, filepath.Join(dir, "data", "more.toml"), `[briefing]
title = "Again"
date = 2024-01-01

[[parties]]
id = "veldra"
name = "Veldra again"
`)
	t.Chdir(filepath.Dir(dir))
	code, _, stderr := cli(t, "validate", "-config", "b/config.toml")
	if code != 1 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"b/data/more.toml:1:1: [briefing] appears again (first in b/data/briefing.toml:",
		"b/data/more.toml:5:1: parties[0] \"veldra\": duplicate id; first defined at b/data/briefing.toml:",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, " data/") || strings.Contains(stderr, "(data/") {
		t.Errorf("a path relative to the config's folder:\n%s", stderr)
	}
}

// Item 31: init "" is a usage error and writes nothing here.
func TestInitEmptyDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, arg := range []string{"", " ", "\t"} {
		if code, _, stderr := cli(t, "init", arg); code != 2 || !strings.Contains(stderr, "the directory is empty") {
			t.Errorf("init %q: exit %d, stderr:\n%s", arg, code, stderr)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("init wrote %v", ents)
	}
}

// A source's text file is read by the build like any input (to check
// quotations), so no output may replace it either, -o or charts -o.
func TestOutputIsNeverASourceText(t *testing.T) {
	dir := briefingDir(t, "")
	dataFile := filepath.Join(dir, "data", "briefing.toml")
	src := read(t, dataFile)
	const anchor = "date      = 2025-02-03\n"
	if !strings.Contains(src, anchor) {
		t.Fatal("the starter lacks its first source's date")
	}
	write(t, dataFile, strings.Replace(src, anchor, anchor+"text_file = \"texts/declaration.txt\"\n", 1))
	text := filepath.Join(dir, "data", "texts", "declaration.txt")
	write(t, text, src)
	for _, args := range [][]string{
		{"build", "-config", filepath.Join(dir, "config.toml"), "-o", text},
		{"charts", "-config", filepath.Join(dir, "config.toml"), "-o", filepath.Join(dir, "data", "texts"), "-format", "svg"},
	} {
		if args[0] == "charts" {
			// A chart file named as the text would be, for charts -o.
			if err := os.Rename(text, filepath.Join(dir, "data", "texts", "timeline.svg")); err != nil {
				t.Fatal(err)
			}
			text = filepath.Join(dir, "data", "texts", "timeline.svg")
			write(t, dataFile, strings.Replace(src, anchor, anchor+"text_file = \"texts/timeline.svg\"\n", 1))
		}
		code, _, stderr := cli(t, args...)
		if code != 1 || !strings.Contains(stderr, "refusing to write over an input") || !strings.Contains(stderr, "is a source's text file of this build") {
			t.Errorf("%s: exit %d, stderr:\n%s", args[0], code, stderr)
		}
		if got := read(t, text); got != src {
			t.Errorf("%s: the source text was overwritten", args[0])
		}
	}
}
