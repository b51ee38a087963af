package main

// How a build writes (where it may write is build.Input.OutputTarget's
// business): a special file (a device, a named pipe) is written through,
// never renamed over; a regular file is replaced whole or not at all.

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/briefing-pdf/briefing/internal/build"
)

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
	err = build.UnwrapPathErr(err)
	switch {
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTEMPTY), errors.Is(err, syscall.EEXIST):
		return "is a directory"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	}
	return err.Error()
}
