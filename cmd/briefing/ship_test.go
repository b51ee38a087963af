package main

// Tests of the ways briefing reaches users outside this repository: the
// CI recipe a user copies into a repository of their own
// (docs/ci/github-actions.yml), and the static binary the Dockerfile builds.

import (
	"bufio"
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository's top folder, seen from cmd/briefing.
const repoRoot = "../.."

// dockerBuild returns the `go build` command line of the Dockerfile's build
// stage, split into words (with its environment assignments first).
func dockerBuild(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "RUN "); ok && strings.Contains(rest, "go build") {
			return strings.Fields(rest)
		}
	}
	t.Fatal("Dockerfile: no RUN line with go build")
	return nil
}

// staticBinary builds briefing into dir the way the Dockerfile does and
// returns the binary's path.
func staticBinary(t *testing.T, dir string) string {
	t.Helper()
	words := dockerBuild(t)
	staticBin := filepath.Join(dir, "briefing")
	var staticOut []byte
	staticErr := func() error {
		var env []string
		for len(words) > 0 && strings.Contains(words[0], "=") {
			env = append(env, words[0])
			words = words[1:]
		}
		args := make([]string, 0, len(words))
		for i := 0; i < len(words); i++ {
			switch {
			case words[i] == "-o" && i+1 < len(words):
				args = append(args, "-o", staticBin)
				i++
			case words[i] == "./cmd/briefing":
				args = append(args, ".")
			default:
				args = append(args, words[i])
			}
		}
		if len(args) < 2 || args[0] != "go" || args[1] != "build" {
			return os.ErrInvalid
		}
		cmd := exec.Command(goTool(), args[1:]...)
		cmd.Env = append(os.Environ(), env...)
		var err error
		staticOut, err = cmd.CombinedOutput()
		return err
	}()
	if staticErr != nil {
		t.Fatalf("go build as in the Dockerfile: %v\n%s", staticErr, staticOut)
	}
	return staticBin
}

// goTool is the go command that runs this test.
func goTool() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); isFile(p) {
		return p
	}
	return "go"
}

func isFile(p string) bool { st, err := os.Stat(p); return err == nil && st.Mode().IsRegular() }

// TestShipping builds briefing once as the Dockerfile does, and runs the
// binary as the image and as the CI recipe would.
func TestShipping(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := staticBinary(t, t.TempDir())
	t.Run("static", func(t *testing.T) { testStaticBinary(t, bin) })
	t.Run("ci-recipe", func(t *testing.T) { testCIRecipe(t, bin) })
}

// testStaticBinary checks that the binary the Dockerfile builds is static (no interpreter, no shared libraries: it runs on the
// image's empty base) and that it builds a briefing with an empty
// environment: no HOME, no PATH, no locale, no fonts on the machine.
func testStaticBinary(t *testing.T, bin string) {
	f, err := elf.Open(bin)
	if err != nil {
		t.Skipf("not an ELF binary on %s: %v", runtime.GOOS, err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("binary is dynamically linked (%v segment); the image's base has no libc", p.Type)
		}
	}
	f.Close()

	dir := t.TempDir()
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = []string{} // empty, as on the image
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("briefing %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	run("init", "desk")
	run("build", "-config", "desk/config.toml", "-o", "desk/out.pdf")
	pdf, err := os.ReadFile(filepath.Join(dir, "desk", "out.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-64:], []byte("%%EOF")) {
		t.Fatalf("no whole PDF written with an empty environment (%v)", err)
	}
	// The built-in briefing too: the fonts and data are in the binary.
	run("build", "-o", "builtin.pdf")
}

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	On struct {
		Push struct {
			Paths []string `yaml:"paths"`
		} `yaml:"push"`
	} `yaml:"on"`
	Env  map[string]string `yaml:"env"`
	Jobs map[string]struct {
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// testCIRecipe runs the shell steps of docs/ci/github-actions.yml, the
// workflow users copy, in a scratch git repository that holds only what
// `briefing init` writes, as a user's repository would. The install step
// cannot reach a release from here: it must install this module's command,
// and the test puts a binary of this checkout where it would land. Every
// other step runs as written, with bash -eo pipefail as GitHub runs it.
func testCIRecipe(t *testing.T, bin string) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed; the recipe's build step calls git")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed; the recipe's steps are bash")
	}
	src, err := os.ReadFile(filepath.Join(repoRoot, "docs", "ci", "github-actions.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatalf("docs/ci/github-actions.yml: %v", err)
	}
	if len(wf.Jobs) != 1 {
		t.Fatalf("want one job, got %d", len(wf.Jobs))
	}

	// The scratch repository: init's starter and nothing else.
	home := t.TempDir()
	repo := t.TempDir()
	binDir := t.TempDir()
	env := []string{
		"HOME=" + home,
		"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=ci", "GIT_AUTHOR_EMAIL=ci@example.org",
		"GIT_COMMITTER_NAME=ci", "GIT_COMMITTER_EMAIL=ci@example.org",
		"GIT_AUTHOR_DATE=2024-01-15T12:00:00Z", "GIT_COMMITTER_DATE=2024-01-15T12:00:00Z",
	}
	for k, v := range wf.Env {
		env = append(env, k+"="+v)
	}
	sh := func(dir, script string) ([]byte, error) {
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
		cmd.Dir = dir
		cmd.Env = env
		return cmd.CombinedOutput()
	}
	if out, err := exec.Command(bin, "init", repo).CombinedOutput(); err != nil {
		t.Fatalf("briefing init: %v\n%s", err, out)
	}
	if out, err := sh(repo, git+" init -q && "+git+" add -A && "+git+" commit -qm starter"); err != nil {
		t.Fatalf("git: %v\n%s", err, out)
	}

	// Every file of the user's repository triggers the workflow on push.
	files, _ := sh(repo, git+" ls-files")
	for _, f := range strings.Fields(string(files)) {
		if !matchesAny(wf.On.Push.Paths, f) {
			t.Errorf("a push changing %s does not run the workflow (on.push.paths: %q)", f, wf.On.Push.Paths)
		}
	}

	module := modulePath(t)
	ran := 0
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			switch {
			case step.Uses != "":
				if m := regexp.MustCompile(`@v(\d+)$`).FindStringSubmatch(step.Uses); m == nil {
					t.Errorf("step %q is not pinned to a major version", step.Uses)
				}
				continue
			case strings.Contains(step.Run, "go install"):
				// A pinned release of this module's command, never @latest.
				re := regexp.MustCompile(regexp.QuoteMeta(module+"/cmd/briefing@") + `(\S+?)"?$`)
				m := re.FindStringSubmatch(strings.TrimSpace(step.Run))
				if m == nil {
					t.Fatalf("install step %q does not go install %s/cmd/briefing@VERSION", step.Run, module)
				}
				if m[1] == "latest" {
					t.Errorf("install step installs @latest; a scheduled build wants a pinned release")
				}
				data, err := os.ReadFile(bin)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(binDir, "briefing"), data, 0o755); err != nil {
					t.Fatal(err)
				}
			default:
				out, err := sh(repo, step.Run)
				if err != nil {
					t.Fatalf("step %q: %v\n%s", step.Name, err, out)
				}
			}
			ran++
		}
	}
	if ran < 3 {
		t.Fatalf("ran %d steps; want install, validate and build", ran)
	}
	pdf, err := os.ReadFile(filepath.Join(repo, "briefing.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the recipe left no PDF at briefing.pdf (%v)", err)
	}
	// The upload step uploads what the build wrote.
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			if strings.HasPrefix(step.Uses, "actions/upload-artifact@") && step.With["path"] != "briefing.pdf" {
				t.Errorf("upload step uploads %q, not the built briefing.pdf", step.With["path"])
			}
		}
	}
}

// matchesAny reports whether name matches one of GitHub's path filters
// (with ** for any number of folders).
func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		re := regexp.QuoteMeta(p)
		re = strings.ReplaceAll(re, `\*\*/`, `(?:.*/)?`)
		re = strings.ReplaceAll(re, `\*\*`, `.*`)
		re = strings.ReplaceAll(re, `\*`, `[^/]*`)
		if regexp.MustCompile("^" + re + "$").MatchString(name) {
			return true
		}
	}
	return false
}

// modulePath is the module path go.mod declares.
func modulePath(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^module\s+(\S+)`).FindSubmatch(src)
	if m == nil {
		t.Fatal("go.mod: no module line")
	}
	return string(m[1])
}
