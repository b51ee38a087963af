package server

import (
	"bytes"
	"io/fs"
	"path"
	"time"

	"github.com/briefing-pdf/briefing/report"
)

// memFS is a read-only file system of whole files held in memory, by
// path. It reads nothing else: a name it does not hold does not exist.
type memFS map[string][]byte

func (m memFS) Open(name string) (fs.File, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), name: path.Base(name), size: int64(len(b))}, nil
}

// ReadFile returns a copy of the file's bytes.
func (m memFS) ReadFile(name string) ([]byte, error) {
	b, ok := m[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(b), nil
}

// resources is the part of m a layout reads besides data: fonts, logo and
// hyphenation patterns named by cfg.
func (m memFS) resources(cfg *report.Config) memFS {
	out := memFS{}
	for _, f := range cfg.Inputs() {
		if b, ok := m[f.Path]; ok && !f.Data {
			out[f.Path] = b
		}
	}
	return out
}

// snapFS is a snapshot's files, with the reason each file that could not
// be read was not: opening it gives that error.
type snapFS struct {
	memFS
	errs map[string]error
}

func (f snapFS) Open(name string) (fs.File, error) {
	if err, ok := f.errs[name]; ok {
		return nil, err
	}
	return f.memFS.Open(name)
}

func (f snapFS) ReadFile(name string) ([]byte, error) {
	if err, ok := f.errs[name]; ok {
		return nil, err
	}
	return f.memFS.ReadFile(name)
}

type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f.name, f.size}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
