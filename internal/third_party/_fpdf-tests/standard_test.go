package fpdf

// Tests of the standards patch (04-standards.diff): XMP made from the
// document information, PDF/A and PDF/UA claims, output intent, /ID, CIDSet,
// header version, and the refusals.

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"github.com/briefing-pdf/briefing/internal/third_party/srgb"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func srgbIntent() OutputIntentType {
	return OutputIntentType{
		SubtypeIdent:              OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: srgb.OutputCondition,
		Info:                      srgb.Info,
		ICCProfile:                srgb.Profile,
	}
}

// standardDoc is taggedDoc claiming std, with an author, a subject
// outside ASCII and the sRGB output intent.
func standardDoc(t *testing.T, std Standard) []byte {
	return taggedDoc(t, func(pdf *Fpdf) {
		pdf.SetStandard(std)
		pdf.SetAuthor("Ann Author & Co", true)
		pdf.SetSubject("Süd <Ost>", true)
		pdf.SetCreator("briefing test", true)
		pdf.SetProducer("fpdf test", true)
		pdf.AddOutputIntent(srgbIntent())
	})
}

func TestStandardClaims(t *testing.T) {
	for _, c := range []struct {
		std     Standard
		version string
		claims  []string // in the XMP
		absent  []string // not in the XMP
	}{
		{Standard{PDFA: "1B"}, "1.4", []string{"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"}, []string{"pdfuaid", "pdfaExtension"}},
		{Standard{PDFA: "2B"}, "1.7", []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"}, []string{"pdfuaid"}},
		{Standard{PDFA: "2U"}, "1.7", []string{"<pdfaid:conformance>U</pdfaid:conformance>"}, []string{"pdfuaid"}},
		{Standard{PDFA: "2A", PDFUA: true}, "1.7", []string{"<pdfaid:conformance>A</pdfaid:conformance>", "<pdfuaid:part>1</pdfuaid:part>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"}, nil},
		{Standard{PDFA: "1B", PDFUA: true}, "1.4", []string{"<pdfaid:part>1</pdfaid:part>", "<pdfuaid:part>1</pdfuaid:part>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"}, nil},
		{Standard{PDFUA: true}, "1.7", []string{"<pdfuaid:part>1</pdfuaid:part>"}, []string{"pdfaid:", "pdfaExtension"}},
	} {
		t.Run(c.std.String(), func(t *testing.T) {
			raw := standardDoc(t, c.std)
			if !bytes.HasPrefix(raw, []byte("%PDF-"+c.version+"\n")) {
				t.Errorf("header %q, want PDF-%s", raw[:8], c.version)
			}
			// pdfcpu's strict mode wants no key later than the header's
			// version; PDF/A-1 (1.4) forbids none, and PDF/UA needs
			// /Tabs (1.5), so PDF/A-1 is read in relaxed mode.
			rb := readPDF(t, raw, c.version == "1.7")
			md, _, err := rb.ctx.DereferenceStreamDict(rb.catalog["Metadata"])
			if err != nil || md == nil {
				t.Fatalf("no /Metadata stream: %v", err)
			}
			if md.NameEntry("Subtype") == nil || *md.NameEntry("Subtype") != "XML" || md.Dict["Filter"] != nil {
				t.Errorf("metadata stream %v: want an uncompressed /Subtype /XML stream", md.Dict)
			}
			xmp := string(md.Raw)
			for _, want := range append([]string{
				`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
				`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Tagged test</rdf:li></rdf:Alt></dc:title>`,
				`<dc:creator><rdf:Seq><rdf:li>Ann Author &amp; Co</rdf:li></rdf:Seq></dc:creator>`,
				`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Süd &lt;Ost&gt;</rdf:li></rdf:Alt></dc:description>`,
				`<xmp:CreateDate>2024-01-15T09:30:00Z</xmp:CreateDate>`,
				`<xmp:ModifyDate>2024-01-15T09:30:00Z</xmp:ModifyDate>`,
				`<xmp:CreatorTool>briefing test</xmp:CreatorTool>`,
				`<pdf:Producer>fpdf test</pdf:Producer>`,
				`<?xpacket end="r"?>`,
			}, c.claims...) {
				if !strings.Contains(xmp, want) {
					t.Errorf("XMP lacks %s", want)
				}
			}
			for _, no := range c.absent {
				if strings.Contains(xmp, no) {
					t.Errorf("XMP has %s", no)
				}
			}
			// The information dictionary says what the XMP says.
			if rb.ctx.Info == nil {
				t.Fatal("no /Info")
			}
			info := rb.dict(t, *rb.ctx.Info)
			for k, want := range map[string]string{"Title": "Tagged test", "Author": "Ann Author & Co", "Subject": "Süd <Ost>",
				"CreationDate": "D:20240115093000+00'00'", "ModDate": "D:20240115093000+00'00'"} {
				if got, _ := rb.ctx.DereferenceText(info[k]); got != want {
					t.Errorf("Info /%s %q, want %q", k, got, want)
				}
			}
			if vp := rb.dict(t, rb.catalog["ViewerPreferences"]); vp == nil || vp.BooleanEntry("DisplayDocTitle") == nil || !*vp.BooleanEntry("DisplayDocTitle") {
				t.Errorf("/ViewerPreferences %v, want <</DisplayDocTitle true>>", rb.catalog["ViewerPreferences"])
			}
			if rb.catalog["Names"] != nil {
				t.Errorf("catalog /Names %v; nothing needs one", rb.catalog["Names"])
			}
			ois, _ := rb.deref(t, rb.catalog["OutputIntents"]).(types.Array)
			if len(ois) != 1 {
				t.Fatalf("/OutputIntents %v, want one", rb.catalog["OutputIntents"])
			}
			oi := rb.dict(t, ois[0])
			prof, _, err := rb.ctx.DereferenceStreamDict(oi["DestOutputProfile"])
			if err != nil || prof == nil || prof.Decode() != nil || !bytes.Equal(prof.Content, srgb.Profile) {
				t.Errorf("output intent %v: its profile is not the sRGB profile (%v)", oi, err)
			}
			if s := oi.NameEntry("S"); s == nil || *s != "GTS_PDFA1" {
				t.Errorf("output intent /S %v", oi["S"])
			}
			a1 := c.std.PDFA == "1B"
			for n := 1; n <= rb.ctx.PageCount; n++ {
				d, _, _, _ := rb.ctx.PageDict(n, false)
				if (d["Group"] != nil) == a1 {
					t.Errorf("page %d /Group %v; PDF/A-1 forbids transparency groups, others keep them", n, d["Group"])
				}
				annots, _ := rb.deref(t, d["Annots"]).(types.Array)
				for _, a := range annots {
					f := rb.dict(t, a).IntEntry("F")
					if pdfa := c.std.PDFA != ""; pdfa != (f != nil && *f == 4) {
						t.Errorf("page %d: link annotation /F %v (PDF/A needs 4, Print)", n, f)
					}
				}
			}
			checkCIDSet(t, rb, a1)
		})
	}
}

// checkCIDSet checks that the UTF-8 font's descriptor has a /CIDSet in
// PDF/A-1 and none otherwise, and that the set holds exactly CID 0 and
// the CIDs (code points) with glyphs that the document shows, among
// them one it does not.
func checkCIDSet(t *testing.T, rb *readBack, want bool) {
	t.Helper()
	found := false
	for n := 1; n <= rb.ctx.PageCount; n++ {
		d, _, _, _ := rb.ctx.PageDict(n, false)
		fonts := rb.dict(t, rb.dict(t, d["Resources"])["Font"])
		for _, ref := range fonts {
			f0 := rb.dict(t, ref)
			desc, _ := rb.deref(t, f0["DescendantFonts"]).(types.Array)
			if len(desc) == 0 {
				continue
			}
			fd := rb.dict(t, rb.dict(t, desc[0])["FontDescriptor"])
			found = true
			if (fd["CIDSet"] != nil) != want {
				t.Fatalf("font descriptor /CIDSet %v, want one: %v", fd["CIDSet"], want)
			}
			if !want {
				return
			}
			sd, _, err := rb.ctx.DereferenceStreamDict(fd["CIDSet"])
			if err != nil || sd.Decode() != nil {
				t.Fatalf("CIDSet: %v", err)
			}
			has := func(cid int) bool {
				return cid/8 < len(sd.Content) && sd.Content[cid/8]&(0x80>>(cid%8)) != 0
			}
			for _, r := range "\x00Tagedtl•2023Voirx" {
				if !has(int(r)) {
					t.Errorf("CIDSet lacks CID %#x (%q)", r, r)
				}
			}
			for _, r := range "QZ€" {
				if has(int(r)) {
					t.Errorf("CIDSet has CID %#x (%q), which the document does not show", r, r)
				}
			}
			return
		}
	}
	if !found {
		t.Fatal("no CID font found")
	}
}

func TestStandardRefusals(t *testing.T) {
	for name, c := range map[string]struct {
		do   func(*Fpdf)
		want string
	}{
		"unknown part": {func(pdf *Fpdf) { pdf.SetStandard(Standard{PDFA: "3B"}) }, `PDF/A "3B"`},
		"no output intent": {func(pdf *Fpdf) { pdf.SetStandard(Standard{PDFA: "2B"}) },
			"PDF/A-2b: needs an output intent"},
		"core font": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFA: "1B"})
			pdf.AddOutputIntent(srgbIntent())
			pdf.SetFont("Helvetica", "", 10)
		}, "PDF/A-1b: font Helvetica is a core font"},
		"core font in PDF/UA": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFUA: true})
			pdf.SetFont("Times", "", 10)
		}, "PDF/UA-1: font Times-Roman is a core font"},
		"transparency in PDF/A-1": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFA: "1B"})
			pdf.AddOutputIntent(srgbIntent())
			pdf.SetAlpha(0.5, "Normal")
		}, "PDF/A-1b: transparency"},
		"a later feature in PDF/A-1": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFA: "1B"})
			pdf.AddOutputIntent(srgbIntent())
			pdf.AddLayer("layer", true)
		}, "PDF/A-1 is PDF 1.4"},
		"JavaScript": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFA: "2B"})
			pdf.AddOutputIntent(srgbIntent())
			pdf.SetJavascript("app.alert('x')")
		}, "PDF/A forbids JavaScript"},
		"untagged PDF/UA": {func(pdf *Fpdf) {
			pdf.SetTagged(false)
			pdf.SetStandard(Standard{PDFUA: true})
		}, "PDF/UA-1: needs a tagged document"},
		"untagged PDF/A-2a": {func(pdf *Fpdf) {
			pdf.SetTagged(false)
			pdf.SetStandard(Standard{PDFA: "2A"})
			pdf.AddOutputIntent(srgbIntent())
		}, "PDF/A-2a: needs a tagged document"},
		"no title": {func(pdf *Fpdf) {
			pdf.SetTitle("", false)
			pdf.SetStandard(Standard{PDFUA: true})
		}, "PDF/UA-1: needs a title"},
		"no language": {func(pdf *Fpdf) {
			pdf.SetLang("")
			pdf.SetStandard(Standard{PDFUA: true})
		}, "PDF/UA-1: needs the document's language"},
		"own XMP": {func(pdf *Fpdf) {
			pdf.SetStandard(Standard{PDFUA: true})
			pdf.SetXmpMetadata([]byte("<x/>"))
		}, "SetXmpMetadata cannot replace it"},
	} {
		t.Run(name, func(t *testing.T) {
			pdf := New("P", "pt", "A4", "")
			pdf.SetTagged(true)
			pdf.SetTitle("T", false)
			pdf.SetLang("en")
			pdf.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
			pdf.SetFont("serif", "", 10)
			pdf.AddPage()
			c.do(pdf)
			var buf bytes.Buffer
			err := pdf.Output(&buf)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written with the error", buf.Len())
			}
		})
	}
}

// TestFileID checks the trailer's /ID: present, the same for the same
// document in every build and whatever its metadata, different for a
// different one.
func TestFileID(t *testing.T) {
	id := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`)
	a, b := taggedDoc(t, nil), taggedDoc(t, nil)
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same document differ")
	}
	m := id.FindSubmatch(a)
	if m == nil || !bytes.Equal(m[1], m[2]) {
		t.Fatalf("trailer /ID %q", m)
	}
	// The metadata (dates, author) are no part of the content.
	c := taggedDoc(t, func(pdf *Fpdf) {
		pdf.SetAuthor("someone else", false)
		pdf.SetCreationDate(fixedTime.AddDate(1, 0, 0))
	})
	if n := id.FindSubmatch(c); n == nil || !bytes.Equal(n[1], m[1]) {
		t.Errorf("other metadata changed the /ID: %s, then %s", m[1], n[1])
	}
	// Anything else is.
	d := taggedDoc(t, func(pdf *Fpdf) { pdf.SetRoleMap("Heading", "H1") })
	if n := id.FindSubmatch(d); n == nil || bytes.Equal(n[1], m[1]) {
		t.Errorf("a different document has the same /ID %s", m[1])
	}
}

// TestNoEmptyNames checks that a plain document has no /Names
// dictionary (PDF/A forbids an /EmbeddedFiles entry, even empty) and
// one with an attachment keeps it.
func TestNoEmptyNames(t *testing.T) {
	build := func(attach bool) []byte {
		pdf := New("P", "pt", "A4", "")
		pdf.SetCompression(false)
		pdf.SetFont("Helvetica", "", 12)
		if attach {
			pdf.SetAttachments([]Attachment{{Content: []byte("x"), Filename: "x.txt"}})
		}
		pdf.AddPage()
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if raw := build(false); bytes.Contains(raw, []byte("/Names")) || bytes.Contains(raw, []byte("EmbeddedFiles")) {
		t.Error("a document without attachments has a /Names or /EmbeddedFiles entry")
	}
	if raw := build(true); !bytes.Contains(raw, []byte("/EmbeddedFiles")) {
		t.Error("a document with an attachment lost its /EmbeddedFiles")
	}
}
