package fonts

import (
	"sync"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
)

// A face parsed through a cache is parsed once for the same bytes and
// names, shared by Sets in several goroutines, and parsed again for
// other bytes or another face.
func TestFaceCache(t *testing.T) {
	c := NewFaceCache()
	sets := make([]*Set, 8)
	var wg sync.WaitGroup
	for i := range sets {
		sets[i] = New()
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sets[i].ReplaceCached(c, Serif, "house.ttf", liberationsansbold.TTF); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(c.m) != 1 {
		t.Errorf("the cache holds %d faces; want 1", len(c.m))
	}
	s := New()
	if err := s.ReplaceCached(c, Serif, "house.ttf", liberationsansbold.TTF); err != nil || s.face(Serif) != c.m[faceKey{Serif, "house.ttf", sumOf(liberationsansbold.TTF)}] {
		t.Errorf("a later Set did not get the cached face: %v", err)
	}
	if err := s.ReplaceCached(c, Sans, "house.ttf", liberationsansbold.TTF); err != nil || len(c.m) != 2 {
		t.Errorf("another face: %v, %d entries", err, len(c.m))
	}
	if err := s.ReplaceCached(c, Serif, "house.ttf", []byte("not a font")); err == nil {
		t.Error("bad bytes were taken")
	}
}
