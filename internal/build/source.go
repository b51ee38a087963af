package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/briefing-pdf/briefing"
	"github.com/briefing-pdf/briefing/data"
	"github.com/briefing-pdf/briefing/report"
)

// Source is where a briefing comes from: a config in a file system.
type Source struct {
	FS     fs.FS  // the files the config's paths are relative to
	Config string // the config's path in FS
	Name   string // for people: the config's path as given, or "the built-in briefing"
	Static bool   // the embedded briefing, which never changes
	// Settings are the command line's changes to what is read (-set,
	// -max-input); a server has none.
	Settings Settings
}

// Settings are the command line's changes to a build's input, for one
// run: -set values of config keys and of the data's [briefing] table, and
// -max-input.
type Settings struct {
	Config   []report.Setting // config keys, applied over the config file
	Meta     []data.Override  // [briefing] values, applied over the data
	MaxInput int64            // the largest data file read, in bytes; 0: the data package's cap
}

// Dir is the config's directory on disk, "" for a source that is not a
// directory on disk (the built-in briefing, a server's snapshot).
func (s *Source) Dir() string {
	if d, ok := s.FS.(DirFS); ok {
		return string(d)
	}
	return ""
}

// BuiltinName is the Name of the built-in briefing.
const BuiltinName = "the built-in briefing"

// Open resolves which config to read (-config, else ./config.toml, else
// the built-in briefing) without reading it, for every command: a server
// starts with a broken config and shows its errors.
func Open(configFlag string) (*Source, error) {
	switch {
	case configFlag != "":
		if _, err := os.Stat(configFlag); err != nil {
			return nil, fmt.Errorf("briefing: config: %w", UnwrapPath(err, configFlag))
		}
		return &Source{FS: DirFS(filepath.Dir(configFlag)), Config: filepath.Base(configFlag), Name: configFlag}, nil
	case FileExists("config.toml"):
		return &Source{FS: DirFS("."), Config: "config.toml", Name: "config.toml"}, nil
	}
	return &Source{FS: briefing.Builtin, Config: "config.toml", Name: BuiltinName, Static: true}, nil
}

// UnwrapPathErr drops the operation and path of an fs.PathError, for
// messages that name the file themselves.
func UnwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// UnwrapPath is err about the file name, in the words of a message that
// names the file itself.
func UnwrapPath(err error, name string) error {
	return fmt.Errorf("%s: %w", name, UnwrapPathErr(err))
}

// FileExists reports whether something is named name, a file or not: a
// ./config.toml that is a directory, a named pipe or a broken link is
// reported as such when read, never passed over for the built-in
// briefing.
func FileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// DirFS is a directory on disk as an fs.FS, with os.DirFS's rules (paths
// are slash-separated, relative and stay inside the directory) and the
// folder rule of docs/config.md on top: a name is resolved through its
// symbolic links and must land inside the directory's real path; only
// regular files and directories are opened, and opening never blocks (a
// named pipe or a device is refused before it is opened, and a file
// swapped for one meanwhile is refused after). Its value is the
// directory's path, for the tests and messages that need it.
type DirFS string

func (d DirFS) Open(name string) (fs.File, error) {
	f, err := openInFolder(string(d), name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

// openInFolder opens name, a slash-separated path relative to dir, under
// the folder rule (see DirFS). Its errors are bare (no path): the caller
// names the file.
func openInFolder(dir, name string) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	root, err := filepath.Abs(dir)
	if err == nil {
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return nil, fmt.Errorf("the config's folder cannot be read: %w", UnwrapPathErr(err))
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return nil, UnwrapPathErr(err)
	}
	if !Within(root, real) {
		return nil, outsideError{real}
	}
	rel, err := filepath.Rel(root, real)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, UnwrapPathErr(err)
	}
	if err := openable(st.Mode()); err != nil {
		return nil, err
	}
	// Opened through an os.Root on the real folder, so that a symbolic
	// link swapped in since the check cannot lead outside it; O_NONBLOCK,
	// so that a named pipe swapped in cannot hang the open.
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, UnwrapPathErr(err)
	}
	defer r.Close()
	f, err := r.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if strings.Contains(err.Error(), "escapes") {
			return nil, outsideError{real}
		}
		return nil, UnwrapPathErr(err)
	}
	st2, err := f.Stat()
	if err == nil {
		err = openable(st2.Mode())
		if err == nil && st2.Mode().Type() != st.Mode().Type() {
			err = errors.New("changed while being opened")
		}
	}
	if err != nil {
		f.Close()
		return nil, UnwrapPathErr(err)
	}
	return f, nil
}

// openable refuses what a briefing never reads: anything but a regular
// file or a directory. Directories are opened (fs.FS may list them);
// readers refuse them as input.
func openable(m fs.FileMode) error {
	if m.IsRegular() || m.IsDir() {
		return nil
	}
	return data.NotRegular(m)
}

// outsideError is a path that resolves, through symbolic links, outside
// the config's folder.
type outsideError struct{ real string }

func (e outsideError) Error() string {
	return fmt.Sprintf("leads through a symbolic link to %s, outside the config's folder; copy the file into the folder", e.real)
}

// Within reports whether p is folder or below it; both are real paths.
func Within(folder, p string) bool {
	rel, err := filepath.Rel(folder, p)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
