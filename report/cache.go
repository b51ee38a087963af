package report

import (
	"bytes"
	"crypto/sha256"
	"sync"

	"github.com/briefing-pdf/briefing/internal/fonts"
	"github.com/briefing-pdf/briefing/internal/typeset"
)

// Cache shares what is parsed from the files a config names (TrueType
// fonts, hyphenation patterns) among the builds of one run, by content:
// when several briefings of `briefing build a b c` use the same house
// font, it is parsed once. The built-in fonts and patterns are parsed
// once per process anyway. A Cache is safe for concurrent use; it holds
// what it parsed as long as it lives, so a long-running server should not
// keep one across changes of its files.
type Cache struct {
	faces    *fonts.FaceCache
	mu       sync.Mutex
	patterns map[[32]byte]*typeset.Hyphenator
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{faces: fonts.NewFaceCache(), patterns: map[[32]byte]*typeset.Hyphenator{}}
}

func (c *Cache) faceCache() *fonts.FaceCache {
	if c == nil {
		return nil
	}
	return c.faces
}

// hyphenation parses patterns, or returns those parsed from the same
// bytes before. A Hyphenator is read-only once parsed.
func (c *Cache) hyphenation(src []byte) (*typeset.Hyphenator, error) {
	if c == nil {
		return typeset.ParseHyphenation(bytes.NewReader(src))
	}
	sum := sha256.Sum256(src)
	c.mu.Lock()
	h := c.patterns[sum]
	c.mu.Unlock()
	if h != nil {
		return h, nil
	}
	h, err := typeset.ParseHyphenation(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.patterns[sum] = h
	c.mu.Unlock()
	return h, nil
}
