package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"time"

	"github.com/briefing-pdf/briefing/internal/build"
	"github.com/briefing-pdf/briefing/internal/version"
	"github.com/briefing-pdf/briefing/report"
)

// cachedFile is a served file as last read.
type cachedFile struct {
	id     build.FileID
	readAt time.Time
	b      []byte
	sum    [32]byte
}

// cfgMemo is the config last parsed, by the SHA-256 of its bytes.
type cfgMemo struct {
	sum [32]byte
	ok  bool
	cfg *report.Config
	err error
}

// snapshot is the served files as read at one moment: a build reads only
// these bytes, so its result belongs to exactly the state hashed.
type snapshot struct {
	seq    uint64
	hash   string           // hex SHA-256 of the program version, the creation date and every file read
	files  memFS            // the config and every file it names that could be read
	errs   map[string]error // why each file that could not be read was not
	cfg    *report.Config   // nil when the config is invalid
	cfgErr error
}

// fsys is the snapshot as a file system: its files, and for a file that
// could not be read (missing, a FIFO, too large) the reason.
func (snap *snapshot) fsys() fs.FS { return snapFS{snap.files, snap.errs} }

func (s *Server) snapshot() *snapshot {
	if s.fixed != nil {
		return s.fixed
	}
	return s.takeSnapshot()
}

// takeSnapshot reads the config, then the files a build of it reads
// (build.Inputs: data, source texts, section images, fonts, logo,
// hyphenation patterns).
// A file that cannot be read is left out (and hashed with its error): the
// build reports it as it would from the command line.
// Files on disk that have not changed since they were last read are not
// read again (see readServed), so an unchanged state costs a stat per file.
func (s *Server) takeSnapshot() *snapshot {
	h := sha256.New()
	fmt.Fprintf(h, "briefing %s\x00%d\x00", version.String(), s.opt.Created.Unix())
	files, errs := memFS{}, map[string]error{}
	sums := map[string][32]byte{}
	add := func(name string) {
		if _, seen := files[name]; seen || !fs.ValidPath(name) {
			return // data.Load and LoadConfig refuse invalid paths unread
		}
		if _, seen := errs[name]; seen {
			return
		}
		c, err := s.readServed(name)
		if err != nil {
			errs[name] = err
			fmt.Fprintf(h, "%q error %s\x00", name, build.UnwrapPathErr(err))
			return
		}
		files[name], sums[name] = c.b, c.sum
		fmt.Fprintf(h, "%q %d %x\x00", name, len(c.b), c.sum)
	}
	add(s.src.Config)
	cfg, err := s.parseConfig(snapFS{files, errs}, sums[s.src.Config])
	if cfg != nil {
		// The data files first, read for the source texts and section
		// images they name.
		named := func(p string) []build.InputFile {
			add(p)
			return build.DataNames(cfg, p, files[p])
		}
		for _, f := range build.Inputs(s.src.Config, cfg, named) {
			add(f.Path)
		}
	}
	s.mu.Lock()
	s.seq++
	seq := s.seq
	for name := range s.cache { // forget files the config no longer names
		if _, ok := files[name]; !ok {
			delete(s.cache, name)
		}
	}
	s.mu.Unlock()
	return &snapshot{seq: seq, hash: hex.EncodeToString(h.Sum(nil)), files: files, errs: errs, cfg: cfg, cfgErr: err}
}

// readServed returns a served file's bytes and hash: from the cache when
// the file on disk is the one read last time (same device, inode, size,
// modification and change times, and not changed just before that read),
// else read afresh, once for all the requests that want it at the same
// moment. Only regular files are read, without blocking (build.ReadRegular).
func (s *Server) readServed(name string) (*cachedFile, error) {
	id, statted, err := build.StatRegular(s.src.FS, name)
	if err != nil {
		return nil, err
	}
	key := name
	if statted {
		s.mu.Lock()
		c := s.cache[name]
		s.mu.Unlock()
		if c != nil && c.id == id && id.Settled(c.readAt, s.racy) {
			return c, nil
		}
		key = fmt.Sprintf("%s\x00%v", name, id)
	}
	v, err, _ := s.reads.Do(key, func() (any, error) {
		readAt := time.Now()
		if s.onRead != nil {
			s.onRead(name)
		}
		b, rid, stable, err := build.ReadRegular(s.src.FS, name, maxServedFile)
		if err != nil {
			return nil, err
		}
		c := &cachedFile{id: rid, readAt: readAt, b: b, sum: sha256.Sum256(b)}
		if statted && stable {
			s.mu.Lock()
			s.cache[name] = c
			s.mu.Unlock()
		}
		return c, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*cachedFile), nil
}

// parseConfig loads the config from files, reusing the last parse when the
// bytes are the same (sum is their SHA-256). The config is shared and
// never modified.
func (s *Server) parseConfig(files snapFS, sum [32]byte) (*report.Config, error) {
	_, ok := files.memFS[s.src.Config]
	s.mu.Lock()
	m := s.cfgCache
	s.mu.Unlock()
	if ok && m.ok && m.sum == sum {
		return m.cfg, m.err
	}
	cfg, err := report.LoadConfig(files, s.src.Config)
	if err != nil {
		cfg = nil
	}
	if ok {
		s.mu.Lock()
		s.cfgCache = cfgMemo{sum: sum, ok: true, cfg: cfg, err: err}
		s.mu.Unlock()
	}
	return cfg, err
}
