// Package srgb holds a freely redistributable sRGB ICC profile, for the
// output intent PDF/A requires (fpdf's AddOutputIntent). The profile is
// ICC Profiles Free's sRGB.icc (zlib licence, see LICENSE), an ICC
// version 2 profile, as PDF/A-1 requires.
package srgb

import _ "embed"

// Profile is the ICC profile, 6,922 bytes.
//
//go:embed sRGB.icc
var Profile []byte

// OutputCondition is the output intent's /OutputConditionIdentifier,
// the name of the characterisation the profile describes in the ICC's
// registry.
const OutputCondition = "sRGB IEC61966-2.1"

// Info is the output intent's /Info, a readable description.
const Info = "sRGB IEC61966-2.1"
