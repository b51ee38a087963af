package fonts

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
)

// FaceCache shares parsed TrueType files among the Sets of one run (the
// briefings of `briefing build a b c`), so that a font file several
// configs name is parsed once. A face is read-only once parsed, so Sets
// in different goroutines may hold the same one. Entries are keyed by the
// face, the file name and the file's SHA-256, and live as long as the
// cache.
type FaceCache struct {
	mu sync.Mutex
	m  map[faceKey]*face
}

type faceKey struct {
	name, file string
	sum        [32]byte
}

// NewFaceCache returns an empty cache.
func NewFaceCache() *FaceCache { return &FaceCache{m: map[faceKey]*face{}} }

// ReplaceCached is Replace through c: the file is parsed only if c holds
// no face parsed from the same bytes under the same names. A nil c
// parses every time.
func (s *Set) ReplaceCached(c *FaceCache, faceName, file string, ttf []byte) error {
	if c == nil {
		return s.Replace(faceName, file, ttf)
	}
	i := faceIndex(faceName)
	if i < 0 {
		return fmt.Errorf("font %s: unknown face %q (want one of %s)", file, faceName, strings.Join(names[:], ", "))
	}
	if err := s.refuseCFF(faceName, file, ttf); err != nil {
		return err
	}
	key := faceKey{faceName, file, sha256.Sum256(ttf)}
	c.mu.Lock()
	fc := c.m[key]
	c.mu.Unlock()
	if fc == nil {
		var err error
		if fc, err = parseFace(faceName, file, append([]byte(nil), ttf...)); err != nil {
			return fmt.Errorf("font %s for face %s: %w", file, faceName, err)
		}
		c.mu.Lock()
		c.m[key] = fc
		c.mu.Unlock()
	}
	return s.put(i, fc)
}

func sumOf(b []byte) [32]byte { return sha256.Sum256(b) }
