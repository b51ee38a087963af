package build

// Reading input files without ever blocking: `serve` and `watch` read the
// files a config names again and again, and a FIFO, a device or a
// directory among them must give a clear error at once, not hang the
// request (or the watch loop) until someone writes to the pipe.
//
// Only regular files are opened. The mode is checked before the open
// (stat), the open itself is non-blocking (O_NONBLOCK: opening a FIFO that
// was swapped in after the check returns at once instead of waiting for a
// writer), and the mode is checked again on the open file (fstat), which
// is what is read. The size cap is enforced on the bytes read, not on
// stat, so a file that grows while it is read is still cut off.

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/briefing-pdf/briefing/data"
)

// FileID identifies one version of a file on disk: a file whose ID is
// unchanged has the same bytes, provided its modification time is not
// recent (see FileID.Settled). Any write changes the change time (ctime),
// which no program can set back; replacing the file (an editor's rename)
// changes the inode.
type FileID struct {
	dev, ino uint64
	size     int64
	mtime    int64 // ns
	ctime    int64 // ns; 0 where the system has none
	mode     fs.FileMode
}

// MaxFile bounds each file a server or a watcher reads again and again
// (the fonts included: the largest CJK TrueType faces are ~20 MB).
const MaxFile = 64 << 20

// RacyWindow is how recent a file's modification may be for its ID not to
// be trusted: a write within the same timestamp tick as an earlier read
// (coarse or 1 s file system clocks) leaves the times unchanged, so such a
// file is read again until its times are older than this.
const RacyWindow = 2 * time.Second

// Settled reports whether id can stand for the file's bytes as read at
// readAt: its last change was more than window before the read began.
func (id FileID) Settled(readAt time.Time, window time.Duration) bool {
	last := max(id.mtime, id.ctime)
	return last < readAt.Add(-window).UnixNano()
}

func idOf(fi fs.FileInfo) FileID {
	id := FileID{size: fi.Size(), mtime: fi.ModTime().UnixNano(), mode: fi.Mode()}
	sysID(fi, &id)
	return id
}

// StatRegular stats name in fsys without opening it where fsys is a
// directory on disk; ok is false for another file system, which can only
// be asked by opening the file.
func StatRegular(fsys fs.FS, name string) (id FileID, ok bool, err error) {
	d, isDir := fsys.(DirFS)
	if !isDir {
		return FileID{}, false, nil
	}
	if !fs.ValidPath(name) {
		return FileID{}, true, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	fi, err := os.Stat(filepath.Join(string(d), filepath.FromSlash(name)))
	if err != nil {
		return FileID{}, true, &fs.PathError{Op: "open", Path: name, Err: UnwrapPathErr(err)}
	}
	if !fi.Mode().IsRegular() {
		return FileID{}, true, &fs.PathError{Op: "open", Path: name, Err: data.NotRegular(fi.Mode())}
	}
	return idOf(fi), true, nil
}

// ReadRegular reads name from fsys if it is a regular file of at most max
// bytes, without blocking on a FIFO or device. The ID returned is the
// file's as opened; stable is false when the file changed while it was
// read (the bytes may mix two versions and must not be cached).
func ReadRegular(fsys fs.FS, name string, max int64) (b []byte, id FileID, stable bool, err error) {
	pathErr := func(err error) error {
		return &fs.PathError{Op: "open", Path: name, Err: UnwrapPathErr(err)}
	}
	var f fs.File
	if d, ok := fsys.(DirFS); ok {
		if _, _, err := StatRegular(fsys, name); err != nil {
			return nil, FileID{}, false, err
		}
		f, err = os.OpenFile(filepath.Join(string(d), filepath.FromSlash(name)), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	} else {
		f, err = fsys.Open(name)
	}
	if err != nil {
		return nil, FileID{}, false, pathErr(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, FileID{}, false, pathErr(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, FileID{}, false, pathErr(data.NotRegular(fi.Mode()))
	}
	id = idOf(fi)
	b, err = io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, FileID{}, false, pathErr(err)
	}
	if int64(len(b)) > max {
		return nil, FileID{}, false, pathErr(fmt.Errorf("larger than %d bytes", max))
	}
	stable = int64(len(b)) == id.size
	if after, err := f.Stat(); err != nil || idOf(after) != id {
		stable = false
	}
	return b, id, stable, nil
}
