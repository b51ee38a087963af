package build

// Where a build may write: the output never replaces one of the build's
// inputs; the config's output key stays inside the config's folder (-o
// may name any path).

import (
	"fmt"
	"os"
	"path/filepath"
)

// OutputPath is where the PDF goes: -o, else the config's output key,
// relative to the config's directory (or the working directory for the
// built-in briefing).
func (in *Input) OutputPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	out := in.Config.Output
	if out == "" {
		out = "briefing.pdf"
	}
	if in.Builtin() || filepath.IsAbs(out) {
		return filepath.FromSlash(out)
	}
	return filepath.Join(in.dir, filepath.FromSlash(out))
}

// OutputTarget is OutputPath checked: the config's output key may not
// lead outside the config's folder, through a symbolic link either, and
// no output may be one of the files the build reads.
func (in *Input) OutputTarget(flagValue string) (string, error) {
	target := in.OutputPath(flagValue)
	if target == "-" && flagValue == "-" {
		return target, nil
	}
	if flagValue == "" && !in.Builtin() {
		if err := in.insideFolder(target); err != nil {
			return "", err
		}
	}
	if err := in.NotAnInput(target); err != nil {
		return "", err
	}
	return target, nil
}

// insideFolder checks that target, the config's output key, resolves
// inside the config's folder. (LoadConfig has refused an absolute path or
// one with .. above the folder; this catches symbolic links.)
func (in *Input) insideFolder(target string) error {
	folder, err := realPath(in.dir)
	if err != nil {
		return fmt.Errorf("%s: %v", in.dir, UnwrapPathErr(err))
	}
	real, err := realTarget(target)
	if err != nil {
		return fmt.Errorf("%s (the config's output): %v", target, UnwrapPathErr(err))
	}
	if !Within(folder, real) {
		return fmt.Errorf("%s (the config's output) leads through a symbolic link to %s, outside the config's folder; write elsewhere with -o", target, real)
	}
	return nil
}

// NotAnInput refuses a target that is one of the files the build reads:
// the config, a data file, a source text, a font, the logo or the
// hyphenation patterns.
// Files are compared as the same file on disk (hard links included) and
// by their real paths.
func (in *Input) NotAnInput(target string) error {
	if in.Builtin() {
		return nil // the built-in briefing's inputs are inside the binary
	}
	tst, err := os.Stat(target)
	if err != nil {
		return nil // not there: it cannot be an input, which exist
	}
	treal, _ := realTarget(target)
	for _, f := range in.Files() {
		name := filepath.Join(in.dir, filepath.FromSlash(f.Path))
		st, err := os.Stat(name)
		if err != nil {
			continue
		}
		same := os.SameFile(tst, st)
		if !same && treal != "" {
			if r, err := filepath.EvalSymlinks(name); err == nil {
				if a, err := filepath.Abs(r); err == nil && a == treal {
					same = true
				}
			}
		}
		if same {
			what := f.What
			if filepath.Clean(target) != filepath.Clean(name) {
				what += " (" + name + ")"
			}
			return fmt.Errorf("%s: is %s of this build: refusing to write over an input; name another output", target, what)
		}
	}
	return nil
}

// realPath is p's absolute path with every symbolic link resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// realTarget is where writing p lands: the real path of p when it exists
// (through symbolic links), else its folder's real path and its name. A
// dangling symbolic link lands where it is: a rename replaces the link.
func realTarget(p string) (string, error) {
	if r, err := realPath(p); err == nil {
		return r, nil
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}
