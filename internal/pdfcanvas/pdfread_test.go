package pdfcanvas

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// document is a PDF written by fpdf without compression, read back just
// far enough to check it: the cross-reference table must point at every
// object, every stream's /Length must match, and page content streams
// must be unfiltered.
type document struct {
	objects map[int][]byte // object number → text between "obj" and "endobj"
	pages   []int          // object numbers of the /Type /Page objects, in order
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	lengthRe    = regexp.MustCompile(`/Length (\d+)`)
	contentsRe  = regexp.MustCompile(`/Contents (\d+) 0 R`)
	pageRe      = regexp.MustCompile(`/Type /Page\b[^s]`)
)

func parsePDF(b []byte) (*document, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		return nil, fmt.Errorf("no PDF header")
	}
	m := startxrefRe.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	off, _ := strconv.Atoi(string(m[1]))
	if off >= len(b) || !bytes.HasPrefix(b[off:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("startxref %d does not point at the xref table", off)
	}
	rest := b[off+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(string(bytes.TrimSpace(rest[:nl])))
	if err != nil {
		return nil, fmt.Errorf("xref count: %v", err)
	}
	entries := rest[nl+1:]
	if len(entries) < 20*n {
		return nil, fmt.Errorf("xref table truncated")
	}
	doc := &document{objects: map[int][]byte{}}
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			continue
		}
		at, err := strconv.Atoi(string(e[:10]))
		if err != nil || at >= len(b) {
			return nil, fmt.Errorf("xref entry %d: %q", i, e)
		}
		head := fmt.Sprintf("%d 0 obj", i)
		if !bytes.HasPrefix(b[at:], []byte(head)) {
			return nil, fmt.Errorf("xref entry %d points at %q, not %q", i, b[at:min(at+12, len(b))], head)
		}
		body := b[at+len(head):]
		end := bytes.Index(body, []byte("endobj"))
		if end < 0 {
			return nil, fmt.Errorf("object %d has no endobj", i)
		}
		// A stream's data may contain "endobj": take the stream by length.
		if s := bytes.Index(body[:end], []byte("stream\n")); s >= 0 {
			lm := lengthRe.FindSubmatch(body[:s])
			if lm == nil {
				return nil, fmt.Errorf("object %d: stream without /Length", i)
			}
			l, _ := strconv.Atoi(string(lm[1]))
			dataEnd := s + len("stream\n") + l
			if dataEnd > len(body) || !bytes.HasPrefix(bytes.TrimLeft(body[dataEnd:], "\r\n"), []byte("endstream")) {
				return nil, fmt.Errorf("object %d: /Length %d does not end at endstream", i, l)
			}
			end = dataEnd + bytes.Index(body[dataEnd:], []byte("endobj"))
		}
		doc.objects[i] = body[:end]
		if pageRe.Match(body[:end]) {
			doc.pages = append(doc.pages, i)
		}
	}
	return doc, nil
}

// stream returns object i's stream data and dictionary.
func (d *document) stream(i int) (data, dict []byte, err error) {
	body, ok := d.objects[i]
	if !ok {
		return nil, nil, fmt.Errorf("no object %d", i)
	}
	s := bytes.Index(body, []byte("stream\n"))
	if s < 0 {
		return nil, nil, fmt.Errorf("object %d is not a stream", i)
	}
	l, _ := strconv.Atoi(string(lengthRe.FindSubmatch(body[:s])[1]))
	return body[s+len("stream\n") : s+len("stream\n")+l], body[:s], nil
}

// pageContent returns the unfiltered content stream of page n (from 1).
func (d *document) pageContent(n int) ([]byte, error) {
	if n < 1 || n > len(d.pages) {
		return nil, fmt.Errorf("no page %d (%d pages)", n, len(d.pages))
	}
	m := contentsRe.FindSubmatch(d.objects[d.pages[n-1]])
	if m == nil {
		return nil, fmt.Errorf("page %d has no /Contents", n)
	}
	i, _ := strconv.Atoi(string(m[1]))
	data, dict, err := d.stream(i)
	if err != nil {
		return nil, err
	}
	if bytes.Contains(dict, []byte("/Filter")) {
		return nil, fmt.Errorf("page %d content is filtered; test documents are uncompressed", n)
	}
	return data, nil
}

// count returns how many objects' text matches re.
func (d *document) count(re *regexp.Regexp) int {
	n := 0
	for _, o := range d.objects {
		if re.Match(o) {
			n++
		}
	}
	return n
}
