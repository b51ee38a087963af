package fpdf

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
)

// Standards (PDF/A, ISO 19005; PDF/UA, ISO 14289) and the document
// metadata they need: an XMP packet made from the document
// information, an output intent, a trailer /ID, CIDSets.

// Standard is what a document claims to conform to (SetStandard).
type Standard struct {
	// PDFA is the PDF/A part and conformance level: "1B", "2B", "2U",
	// "2A", or "" for none.
	PDFA string
	// PDFUA claims PDF/UA-1.
	PDFUA bool
}

// String names the standard as "PDF/A-1b+PDF/UA-1", or "none".
func (s Standard) String() string {
	var parts []string
	if s.PDFA != "" {
		parts = append(parts, "PDF/A-"+s.PDFA[:1]+strings.ToLower(s.PDFA[1:]))
	}
	if s.PDFUA {
		parts = append(parts, "PDF/UA-1")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// SetStandard makes the document claim the standard s and meet what
// this package can do for it; Output fails, naming the reason, where
// the document cannot meet it.
//
// Any claim writes an XMP metadata stream made from the document
// information (SetXmpFromInfo) with the claim (pdfaid:part and
// conformance, pdfuaid:part), and /ViewerPreferences <</DisplayDocTitle
// true>>.
//
// PDF/A and PDF/UA-1: every font is embedded (no core fonts).
// PDF/A (all parts): the caller adds an output intent of subtype
// OutputIntent_GTS_PDFA1 with an RGB ICC profile (AddOutputIntent);
// no attachments, no JavaScript,
// no encryption; link annotations get the Print flag (/F 4).
// PDF/A-1: the header says PDF 1.4 and no feature of a later version is
// used; no transparency (alpha below 1, blend modes other than Normal,
// images with an alpha channel); no page transparency groups; subset
// CID fonts carry a /CIDSet. PDF/A-2: the header says PDF 1.7. "2A"
// and PDF/UA-1 need a tagged document (SetTagged) with a title and a
// language (SetTitle, SetLang).
func (f *Fpdf) SetStandard(s Standard) {
	switch s.PDFA {
	case "", "1B", "2B", "2U", "2A":
	default:
		f.SetErrorf("PDF/A %q: this package writes PDF/A-1b, 2b, 2u or 2a", s.PDFA)
		return
	}
	f.standard = s
	if s.PDFA != "" || s.PDFUA {
		f.xmpFromInfo = true
		f.displayDocTitle = true
	}
}

// GetStandard returns what SetStandard set.
func (f *Fpdf) GetStandard() Standard { return f.standard }

// SetXmpFromInfo writes, when on, an XMP metadata stream made from the
// document information: dc:title, dc:creator (author), dc:description
// (subject), pdf:Keywords, xmp:CreatorTool (creator), pdf:Producer,
// xmp:CreateDate and xmp:ModifyDate, and the claims of SetStandard.
// The information dictionary's dates then carry their time zone, as
// the XMP dates do. It cannot be combined with SetXmpMetadata.
func (f *Fpdf) SetXmpFromInfo(on bool) {
	f.xmpFromInfo = on
}

// SetDisplayDocTitle makes viewers show the document's title, not its
// file name, in the title bar (/ViewerPreferences <</DisplayDocTitle
// true>>), as PDF/UA-1 requires.
func (f *Fpdf) SetDisplayDocTitle(on bool) {
	f.displayDocTitle = on
}

// checkStandard returns why the document cannot meet its standard, or
// nil. It runs before anything is written.
func (f *Fpdf) checkStandard() error {
	s := f.standard
	if s.PDFA == "" && !s.PDFUA {
		if f.xmpFromInfo && len(f.xmp) > 0 {
			return fmt.Errorf("XMP metadata: both SetXmpMetadata and SetXmpFromInfo")
		}
		return nil
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: "+format, append([]any{s}, args...)...)
	}
	if len(f.xmp) > 0 {
		return fail("the XMP metadata is made from the document information; SetXmpMetadata cannot replace it")
	}
	if s.PDFUA || s.PDFA == "2A" {
		switch {
		case !f.tag.on:
			return fail("needs a tagged document (SetTagged)")
		case f.title == "":
			return fail("needs a title (SetTitle)")
		case f.lang == "":
			return fail("needs the document's language (SetLang)")
		}
	}
	// Both embed every font (ISO 19005-1, 6.3.4; ISO 14289-1, 7.21.4.1).
	keys := make([]string, 0, len(f.fonts))
	for k := range f.fonts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if font := f.fonts[k]; font.Tp == "Core" {
			return fail("font %s is a core font, which is not embedded; the standard embeds every font", font.Name)
		}
	}
	if s.PDFA == "" {
		return nil
	}
	intent := false
	for _, oi := range f.outputIntents {
		intent = intent || oi.SubtypeIdent == OutputIntent_GTS_PDFA1 && len(oi.ICCProfile) > 0
	}
	if !intent {
		return fail("needs an output intent of subtype GTS_PDFA1 with an ICC profile (AddOutputIntent)")
	}
	switch {
	case len(f.attachments) > 0:
		return fail("a document with attachments cannot be PDF/A-%s", s.PDFA[:1])
	case f.javascript != nil:
		return fail("PDF/A forbids JavaScript")
	case f.protect.encrypted:
		return fail("PDF/A forbids encryption")
	}
	if s.PDFA[0] == '1' {
		v := f.pdfVersion
		if (f.layoutMode == "TwoPageLeft" || f.layoutMode == "TwoPageRight") && v < pdfVers1_5 {
			v = pdfVers1_5 // putcatalog raises it
		}
		if v > pdfVers1_4 {
			return fail("the document uses a feature of PDF %s (layers, a two-page layout, a 16-bit PNG); PDF/A-1 is PDF 1.4", v)
		}
		for _, b := range f.blendList[1:] {
			if b.fillStr != "1.000" || b.strokeStr != "1.000" || b.modeStr != "Normal" {
				return fail("transparency (SetAlpha %s, %s); PDF/A-1 forbids it", b.fillStr, b.modeStr)
			}
		}
		// PDF 1.4's limit of 8,191 elements to an array (ISO 19005-1,
		// 6.1.12, and PDF Reference 1.4, appendix C): a structure
		// element's /K, a page's MCIDs in the parent tree, the one
		// /Kids array of the page tree.
		const maxArray = 8191
		for i, el := range f.tag.elems {
			if el.nkids > maxArray {
				what := "the structure tree root"
				if i > 0 {
					what = "structure element " + f.role(StructElem(i))
				}
				return fail("%s has %d kids; PDF/A-1 limits an array to %d elements", what, el.nkids, maxArray)
			}
		}
		for n, ids := range f.tag.pageMCIDs {
			if len(ids) > maxArray {
				return fail("page %d has %d marked-content sequences; PDF/A-1 limits an array to %d elements", n, len(ids), maxArray)
			}
		}
		if f.page > maxArray {
			return fail("%d pages; PDF/A-1 limits an array (the page tree's /Kids) to %d elements", f.page, maxArray)
		}
		names := make([]string, 0, len(f.images))
		for k := range f.images {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if f.images[k].smask != nil {
				return fail("image %s has an alpha channel, which is transparency; PDF/A-1 forbids it", k)
			}
		}
	}
	return nil
}

// pdfA1 reports whether the document claims PDF/A-1.
func (f *Fpdf) pdfA1() bool { return f.standard.PDFA != "" && f.standard.PDFA[0] == '1' }

// infoText returns a document information string (ISO-8859-1 or
// UTF-16BE with a byte order mark, as the Set… methods store them) as
// UTF-8.
func infoText(s string) string {
	if strings.HasPrefix(s, "\xfe\xff") {
		b := s[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// pdfDate formats t as a PDF date with its time zone (ISO 32000-1,
// 7.9.4): D:20240115093000+00'00', D:20240115093000-05'00'.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "+00'00'"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return s + fmt.Sprintf("%c%02d'%02d'", sign, off/3600, off/60%60)
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// makeXmp returns the XMP packet of the document information and
// claims, dates as the information dictionary gives them.
func (f *Fpdf) makeXmp(created, modified time.Time) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if f.title != "" {
		b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(infoText(f.title)) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if f.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlEscape(infoText(f.author)) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if f.subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlEscape(infoText(f.subject)) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if f.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + xmlEscape(f.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	b.WriteString("</rdf:Description>\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	b.WriteString("<xmp:CreateDate>" + created.Format(time.RFC3339) + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + modified.Format(time.RFC3339) + "</xmp:ModifyDate>\n")
	if f.creator != "" {
		b.WriteString("<xmp:CreatorTool>" + xmlEscape(infoText(f.creator)) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("</rdf:Description>\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n")
	if f.producer != "" {
		b.WriteString("<pdf:Producer>" + xmlEscape(infoText(f.producer)) + "</pdf:Producer>\n")
	}
	if f.keywords != "" {
		b.WriteString("<pdf:Keywords>" + xmlEscape(infoText(f.keywords)) + "</pdf:Keywords>\n")
	}
	b.WriteString("</rdf:Description>\n")
	if a := f.standard.PDFA; a != "" {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n")
		b.WriteString("<pdfaid:part>" + a[:1] + "</pdfaid:part>\n")
		b.WriteString("<pdfaid:conformance>" + a[1:] + "</pdfaid:conformance>\n")
		b.WriteString("</rdf:Description>\n")
	}
	if f.standard.PDFUA {
		b.WriteString("<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
		b.WriteString("</rdf:Description>\n")
		if f.standard.PDFA != "" {
			// PDF/A admits a schema it does not define only with its
			// description (ISO 19005-1, 6.7.8).
			b.WriteString(pdfuaExtensionSchema)
		}
	}
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

const pdfuaExtensionSchema = `<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`

// fileID returns the trailer's /ID (ISO 32000-1, 14.4): two copies of
// an MD5 of the objects but the XMP metadata and the information
// dictionary (and so not of the cross-reference table either), so the same document gets the same /ID in
// every run, and one that differs only in its dates or other metadata
// too; any other change changes it.
func (f *Fpdf) fileID() string {
	b := f.buffer.Bytes()
	h5 := md5.New()
	h5.Write(b[:f.idSkip[0]])
	h5.Write(b[f.idSkip[1]:f.idEnd])
	sum := h5.Sum(nil)
	h := hex.EncodeToString(sum)
	return "/ID [<" + h + "> <" + h + ">]"
}

// cidSet returns the /CIDSet of a subset CIDFont (ISO 32000-1, table
// 124): one bit per CID, the high bit of the first byte for CID 0, set
// for CID 0 and each CID the subset has a glyph for.
func cidSet(cids map[int]int) []byte {
	hi := 0
	for c := range cids {
		hi = max(hi, c)
	}
	set := make([]byte, hi/8+1)
	set[0] |= 0x80
	for c := range cids {
		set[c/8] |= 0x80 >> (c % 8)
	}
	return set
}
