package shape_test

import (
	"fmt"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/briefing-pdf/briefing/internal/shape"
)

func Example() {
	serif, err := shape.ParseFace("Liberation Serif", liberationserifregular.TTF)
	if err != nil {
		panic(err)
	}
	fallback, _ := shape.BuiltinFallback(true)
	font, _ := shape.NewFont(append([]*shape.Face{serif}, fallback...), shape.Default, "")
	s := shape.NewShaper(0)

	// "To" is kerned: narrower than its two advances.
	l, _ := s.Shape(font, "To", shape.Auto)
	fmt.Printf("To at 10 pt: %.3f pt\n", l.Width(10))

	// Armenian comes from DejaVu Serif, Hebrew is drawn right to left.
	l, _ = s.Shape(font, "Երևան and שלום", shape.LeftToRight)
	for _, r := range l.Visual() {
		fmt.Printf("%s: %q, right to left %v\n", r.Face.Name(), r.Text, r.RTL())
	}

	// A character no face has.
	_, err = s.Shape(font, "𓀀", shape.Auto)
	fmt.Println(err)
	// Output:
	// To at 10 pt: 10.410 pt
	// DejaVu Serif: "Երևան ", right to left false
	// Liberation Serif: "and ", right to left false
	// Liberation Serif: "שלום", right to left true
	// no font has the character "𓀀" (U+13000) (tried Liberation Serif, DejaVu Serif, DejaVu Sans)
}
