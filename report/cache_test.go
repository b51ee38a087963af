package report

import (
	"testing"
	"testing/fstest"
)

// Two builds through one Cache share the patterns parsed from the same
// bytes.
func TestCacheSharesPatterns(t *testing.T) {
	c := NewCache()
	src := []byte("\\patterns{1ba}\n")
	h1, err := c.hyphenation(src)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := c.hyphenation(append([]byte(nil), src...))
	if err != nil || h1 != h2 {
		t.Errorf("parsed twice: %p %p %v", h1, h2, err)
	}
	cfg := DefaultConfig()
	cfg.Hyphenation.Enabled = true
	cfg.Hyphenation.Patterns = "hyph.tex"
	fsys := fstest.MapFS{"hyph.tex": {Data: src}}
	res, err := loadResourcesCached(cfg, fsys, c)
	if err != nil {
		t.Fatal(err)
	}
	if res.settings.Hyphenator != h1 {
		t.Error("a build did not use the cached patterns")
	}
}
