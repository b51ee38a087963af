package fonts

import (
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
)

// Typefaces gonum/plot may ask for. "serif" and "sans" are this package's
// families; "Liberation" with Variant "Serif", "Sans" or "Mono" is what
// gonum's defaults (plot.DefaultFont) ask for. There is no mono face:
// Mono is set in sans.
const (
	TypefaceSerif      font.Typeface = "serif"
	TypefaceSans       font.Typeface = "sans"
	TypefaceLiberation font.Typeface = "Liberation"
)

// FaceName maps a gonum font to one of the Set's face names: the family
// from Typeface (and Variant for "Liberation"; an unknown typeface is
// serif), bold for weights from semi-bold up, italic for italic and
// oblique styles. PlotCache resolves every font to the same face, so a
// chart measured by gonum is drawn in the face FaceName names.
func FaceName(f font.Font) string {
	name := Serif
	if family(f) == TypefaceSans {
		name = Sans
	}
	bold := f.Weight >= xfont.WeightSemiBold
	italic := f.Style == xfont.StyleItalic || f.Style == xfont.StyleOblique
	switch {
	case bold && italic:
		return name + "-bolditalic"
	case bold:
		return name + "-bold"
	case italic:
		return name + "-italic"
	}
	return name
}

func family(f font.Font) font.Typeface {
	switch f.Typeface {
	case TypefaceSans:
		return TypefaceSans
	case TypefaceLiberation:
		if f.Variant == "Sans" || f.Variant == "Mono" {
			return TypefaceSans
		}
	}
	return TypefaceSerif
}

var (
	weights = []xfont.Weight{
		xfont.WeightThin, xfont.WeightExtraLight, xfont.WeightLight,
		xfont.WeightNormal, xfont.WeightMedium, xfont.WeightSemiBold,
		xfont.WeightBold, xfont.WeightExtraBold, xfont.WeightBlack,
	}
	styles = []xfont.Style{xfont.StyleNormal, xfont.StyleItalic, xfont.StyleOblique}
)

// PlotCache returns a new gonum font cache whose faces are the Set's
// faces, so charts measure and draw in the body's fonts. It answers
// Typeface "serif" and "sans" (Variant ""), and "Liberation" with Variant
// "", "Serif", "Sans" and "Mono", for every standard weight and style,
// each resolving to the face FaceName names. Its default typeface is
// "serif". Use it as a plot's text handler's cache, e.g.
// text.Plain{Fonts: set.PlotCache()}, and give its fonts to the plot's
// text styles.
func (s *Set) PlotCache() *font.Cache {
	var coll font.Collection
	add := func(tf font.Typeface, variant font.Variant) {
		for _, w := range weights {
			for _, st := range styles {
				fnt := font.Font{Typeface: tf, Variant: variant, Style: st, Weight: w}
				coll = append(coll, font.Face{Font: fnt, Face: s.face(FaceName(fnt)).otf})
			}
		}
	}
	add(TypefaceSerif, "")
	add(TypefaceSans, "")
	for _, v := range []font.Variant{"", "Serif", "Sans", "Mono"} {
		add(TypefaceLiberation, v)
	}
	return font.NewCache(coll)
}
