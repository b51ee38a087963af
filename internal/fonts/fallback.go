package fonts

import (
	"fmt"
	"slices"

	"github.com/briefing-pdf/briefing/internal/shape"
)

// Fallback chains and OpenType features: what the shaper uses beyond the
// Set's own faces ([fonts] fallback, [fonts.features]).

// fallbackChain is a configured fallback chain.
type fallbackChain struct {
	serif, sans []*shape.Face
}

// SetFallback sets the fallback chains, in place of the built-in DejaVu
// faces: serif after the serif faces, sans after the sans faces (empty:
// no fallback). It must not run concurrently with anything else.
func (s *Set) SetFallback(serif, sans []*shape.Face) {
	s.fallback = &fallbackChain{serif: slices.Clone(serif), sans: slices.Clone(sans)}
	s.resetShaping()
}

// ParseFallback parses a fallback font file: like Replace, it must be a
// TrueType font (glyf outlines) the PDF can embed. file names it in
// errors. ttf is not copied: do not modify it.
func ParseFallback(file string, ttf []byte) (*shape.Face, error) {
	if _, err := parseFace("fallback", file, ttf); err != nil {
		return nil, fmt.Errorf("fallback font %s: %w", file, err)
	}
	return shape.ParseFace(file, ttf)
}

// SetFeatures sets the OpenType features (on top of HarfBuzz's defaults:
// kern, liga, …) that text in the named faces (role "") or in any face
// in role (RoleHeadings, RoleTables) is shaped with. It must not run
// concurrently with anything else.
func (s *Set) SetFeatures(role string, faceNames []string, f shape.Features) error {
	r := 0
	if role != "" {
		if r = roleIndex(role); r < 0 {
			return fmt.Errorf("unknown role %q", role)
		}
	}
	for _, n := range faceNames {
		i := faceIndex(n)
		if i < 0 {
			return fmt.Errorf("unknown font %q", n)
		}
		s.features[r][i] = f
	}
	s.resetShaping()
	return nil
}

// Fallbacks names the faces of the named font's fallback chain.
func (s *Set) Fallbacks(font string) []string {
	i := index(font)
	if i < 0 {
		return nil
	}
	fb, err := s.fallbackFor(i)
	if err != nil {
		return nil
	}
	out := make([]string, len(fb))
	for k, f := range fb {
		out[k] = f.Name()
	}
	return out
}

func (s *Set) resetShaping() {
	s.shaping = [nRoles][len(names)]shaping{}
}

// FaceOf is the face of a font name: the name without its role.
func FaceOf(name string) string {
	if i := index(name); i >= 0 {
		return names[i]
	}
	return name
}
