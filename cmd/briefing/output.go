package main

// Where a build may write, and how: the output never replaces one of the
// build's inputs; the config's output key stays inside the config's
// folder (-o may name any path); a special file (a device, a named pipe)
// is written through, never renamed over; a regular file is replaced
// whole or not at all.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// outputTarget is outputPath checked: the config's output key may not
// lead outside the config's folder, through a symbolic link either, and
// no output may be one of the files the build reads.
func (in *input) outputTarget(flagValue string) (string, error) {
	target := in.outputPath(flagValue)
	if target == "-" && flagValue == "-" {
		return target, nil
	}
	if flagValue == "" && !in.builtin() {
		if err := in.insideFolder(target); err != nil {
			return "", err
		}
	}
	if err := in.notAnInput(target); err != nil {
		return "", err
	}
	return target, nil
}

// insideFolder checks that target, the config's output key, resolves
// inside the config's folder. (LoadConfig has refused an absolute path or
// one with .. above the folder; this catches symbolic links.)
func (in *input) insideFolder(target string) error {
	folder, err := realPath(in.dir)
	if err != nil {
		return fmt.Errorf("%s: %v", in.dir, unwrapPathErr(err))
	}
	real, err := realTarget(target)
	if err != nil {
		return fmt.Errorf("%s (the config's output): %v", target, unwrapPathErr(err))
	}
	if !within(folder, real) {
		return fmt.Errorf("%s (the config's output) leads through a symbolic link to %s, outside the config's folder; write elsewhere with -o", target, real)
	}
	return nil
}

// notAnInput refuses a target that is one of the files the build reads:
// the config, a data file, a font, the logo or the hyphenation patterns.
// Files are compared as the same file on disk (hard links included) and
// by their real paths.
func (in *input) notAnInput(target string) error {
	if in.builtin() {
		return nil // the built-in briefing's inputs are inside the binary
	}
	tst, err := os.Stat(target)
	if err != nil {
		return nil // not there: it cannot be an input, which exist
	}
	treal, _ := realTarget(target)
	for _, f := range in.inputs() {
		name := filepath.Join(in.dir, filepath.FromSlash(f.path))
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
			what := f.what
			if filepath.Clean(target) != filepath.Clean(name) {
				what += " (" + name + ")"
			}
			return fmt.Errorf("%s: is %s of this build: refusing to write over an input; name another output", target, what)
		}
	}
	return nil
}

// inputFile is a file a build reads, by its path relative to the config's
// folder, and what it is for.
type inputFile struct{ path, what string }

// inputs lists the files the build reads from the config's folder.
func (in *input) inputs() []inputFile {
	files := []inputFile{{in.cfgPath, "the config"}}
	if in.cfg == nil {
		return files
	}
	for _, p := range in.cfg.Data {
		files = append(files, inputFile{p, "a data file"})
	}
	ff := in.cfg.Fonts.Files
	for _, f := range []struct{ face, file string }{
		{"serif", ff.Serif}, {"serif-bold", ff.SerifBold}, {"serif-italic", ff.SerifItalic},
		{"serif-bolditalic", ff.SerifBoldItalic}, {"sans", ff.Sans}, {"sans-bold", ff.SansBold},
		{"sans-italic", ff.SansItalic}, {"sans-bolditalic", ff.SansBoldItalic},
	} {
		if f.file != "" {
			files = append(files, inputFile{f.file, "the font for face " + f.face})
		}
	}
	if p := in.cfg.Cover.Logo; p != "" {
		files = append(files, inputFile{p, "the logo"})
	}
	if p := in.cfg.Hyphenation.Patterns; p != "" {
		files = append(files, inputFile{p, "the hyphenation patterns"})
	}
	return files
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

// within reports whether p is folder or below it; both are real paths.
func within(folder, p string) bool {
	rel, err := filepath.Rel(folder, p)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writeFileAtomic writes data to name. A regular file (or a new one) is
// written to a temporary file beside it and renamed into place, so that a
// failure never leaves a partial file and an existing file is replaced
// only by a complete one; a symbolic link to a regular file is kept and
// the file it leads to replaced. A device or a named pipe (/dev/null,
// /dev/stdout on a pipe) is written through, never renamed over. Errors
// name the file as given, never the temporary file.
func writeFileAtomic(name string, data []byte) error {
	target := name
	st, err := os.Stat(name)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: is a directory; name a file to write", name)
	case err == nil && !st.Mode().IsRegular():
		return writeThrough(name, st.Mode(), data)
	case err == nil:
		if r, err := filepath.EvalSymlinks(name); err == nil {
			target = r
		}
	case errors.Is(err, fs.ErrNotExist):
		// A new file, or a dangling symbolic link that the rename replaces.
		if _, err := os.Stat(filepath.Dir(name)); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: cannot write: folder %s does not exist", name, filepath.Dir(name))
		} else if err != nil {
			return fmt.Errorf("%s: cannot write: folder %s: %v", name, filepath.Dir(name), writeErrMsg(err))
		}
	default:
		return fmt.Errorf("%s: %v", name, writeErrMsg(err))
	}
	if err := replaceFile(target, data); err != nil {
		return fmt.Errorf("%s: %v", name, writeErrMsg(err))
	}
	return nil
}

// replaceFile writes data to a temporary file beside name and renames it
// over name. Its errors are those of the system calls.
func replaceFile(name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot create a file in %s: %s", filepath.Dir(name), writeErrMsg(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	// Refuse to replace anything but a regular file, should the target
	// have changed since it was looked at.
	if st, err := os.Lstat(name); err == nil && !st.Mode().IsRegular() && st.Mode()&fs.ModeSymlink == 0 {
		if st.IsDir() {
			return syscall.EISDIR
		}
		return errors.New("is not a regular file")
	}
	return os.Rename(tmp.Name(), name)
}

// writeThrough writes data into the existing special file name.
func writeThrough(name string, mode fs.FileMode, data []byte) error {
	if mode&fs.ModeSocket != 0 {
		return fmt.Errorf("%s: is a socket; name a file to write", name)
	}
	// O_NONBLOCK: opening a named pipe that nobody reads fails at once
	// (ENXIO) instead of waiting for ever; writes still wait for the
	// reader, through the runtime's poller.
	f, err := os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) && mode&fs.ModeNamedPipe != 0 {
			return fmt.Errorf("%s: a named pipe that no process is reading", name)
		}
		return fmt.Errorf("%s: %v", name, writeErrMsg(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %v", name, writeErrMsg(err))
	}
	return nil
}

// writeErrMsg is the reason in err, without the operation and the path
// (which may be a temporary file's).
func writeErrMsg(err error) string {
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	err = unwrapPathErr(err)
	switch {
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTEMPTY), errors.Is(err, syscall.EEXIST):
		return "is a directory"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	}
	return err.Error()
}
