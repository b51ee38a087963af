package fpdf

import (
	"bytes"
	"strconv"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// longDoc writes a document shaped like a long briefing: 225 pages, a
// running header, eight paragraphs of five lines a page, each with a
// note link. Tagged, every paragraph is a P with one marked-content
// sequence and a Link, the header an artifact.
func longDoc(tb testing.TB, tagged bool) []byte {
	pdf := New("P", "pt", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedTime)
	pdf.SetTagged(tagged)
	pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	pdf.SetFont("serif", "", 10)
	note := pdf.AddLink()
	var doc StructElem
	if tagged {
		doc = pdf.AddStructElem(StructRoot, "Document", StructAttrs{})
	}
	for p := 0; p < 225; p++ {
		pdf.AddPage()
		if tagged {
			pdf.BeginArtifact(ArtifactPagination, "Header")
		}
		pdf.Text(72, 30, "Running header of the briefing")
		if tagged {
			pdf.EndMarkedContent()
		}
		y := 60.0
		for para := 0; para < 8; para++ {
			var e StructElem
			if tagged {
				e = pdf.AddStructElem(doc, "P", StructAttrs{})
				pdf.BeginMarkedContent(e)
			}
			for l := 0; l < 5; l++ {
				pdf.Text(72, y, "Line "+strconv.Itoa(l)+" of paragraph "+strconv.Itoa(para)+" on page "+strconv.Itoa(p)+", with words to fill a line.")
				y += 12
			}
			if tagged {
				pdf.EndMarkedContent()
				ln := pdf.AddStructElem(e, "Link", StructAttrs{})
				pdf.BeginMarkedContent(ln)
				pdf.Text(72, y, "[1]")
				pdf.EndMarkedContent()
				pdf.LinkTagged(72, y-10, 10, 10, note, ln, "Note 1")
			} else {
				pdf.Text(72, y, "[1]")
				pdf.Link(72, y-10, 10, 10, note)
			}
			y += 20
		}
	}
	pdf.SetLink(note, 0, 1)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkLongDocument measures the cost of tagging, in time and in
// bytes (the bytes metric): go test -bench LongDocument.
func BenchmarkLongDocument(b *testing.B) {
	for _, tagged := range []bool{false, true} {
		b.Run("tagged="+strconv.FormatBool(tagged), func(b *testing.B) {
			var n int
			for b.Loop() {
				n = len(longDoc(b, tagged))
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
