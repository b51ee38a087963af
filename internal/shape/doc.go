// Package shape turns text into positioned glyphs with HarfBuzz's rules,
// through github.com/go-text/typesetting (a pure-Go port of HarfBuzz and
// an OpenType parser: glyf and CFF outlines, cmap formats 4 and 12).
// It is the shaping engine the report's line breaker measures with and
// its write stage draws from; it knows nothing of PDF.
//
// # Stages
//
//	ParseFace (font file → Face)  ·  NewFont (chain of faces + Features + language → Font)
//	Font.Itemize: text → Items    bidi levels (UAX #9), then script, then face
//	Shaper.ShapeItem: Item → Run  HarfBuzz: glyph IDs, clusters, advances, offsets
//	Shaper.Shape = Itemize + ShapeItem for each item → Line (runs in logical order)
//	Line.Visual / Reorder         runs in drawing order (rule L2)
//
// The font's kern, liga, clig, calt, mark, mkmk, ccmp, locl and rlig
// features are on, as in hb-shape, LuaHBTeX and Typst; Features switches
// others on (onum, smcp, tnum…) or these off. Arabic is joined and
// Hebrew and Arabic marks placed by the shaper. A character goes to the
// first face of the chain that has it (BuiltinFallback gives DejaVu for
// Armenian, Georgian, Greek, Cyrillic, Hebrew and Arabic); one that no
// face has is a *MissingError with its byte offset, to which the caller
// adds FILE:LINE:COL.
//
// Positions are in font units at HarfBuzz's scale of one unit per font
// unit, the numbers hb-shape prints: the oracle test compares them with
// hb-shape's own output for a corpus of scripts. Run.Width and
// Face.Points turn them into points; shaping does not depend on the size
// (no hinting), so the cache is keyed by face chain, features, language,
// direction and text, not size.
//
// # The cache
//
// A Shaper keeps shaped lines and runs in a bounded cache (two
// generations, roughly least recently used). The 1,000-event synthetic
// briefing has 73,324 words of which 3,699 are distinct: with the cache
// 95 % of the Shape calls are hits (about 50 ns each) and the whole
// briefing's words shape in about 17 ms against 138 ms without, 8 to 9
// times less (BenchmarkShapeWord and BenchmarkShapeBriefing on a quiet 2-core
// machine; with other jobs running both rose about threefold and the
// ratio stayed). A Shaper is safe for concurrent use; build one per
// process and share it.
//
// # Breaking lines
//
// The line breaker measures words shaped one by one (Shape, then
// Line.Width): spaces are glue, so nothing is kerned across a space, as
// in TeX. A word hyphenated or broken at a line end is shaped afresh on
// both sides, Hyphenated for the part before the break (the hyphen
// kerned to its letter, a ligature across the break undone: "af-fluent")
// and Shape for the part after; the glyphs of the whole word are never
// cut. For a paragraph with right-to-left text the bidi levels belong to
// the paragraph, not the word (a comma between two Arabic words is
// right to left): itemise the paragraph once with Font.Itemize, shape
// the words of each item with ShapeItem, break, then order each line's
// fragments with Reorder.
//
// # What the write stage must do with a Run
//
// docs/shaping.md has the details: one TJ per line fragment with the
// glyph IDs (CID = glyph ID, Identity-H) and the kerning adjustments
// (the difference between a glyph's shaped advance and its hmtx advance,
// in thousandths of an em, negated); mark offsets by a text rise or a
// separate positioned show; a ToUnicode CMap mapping every glyph to its
// cluster's text (a ligature to its letters), /ActualText where one
// glyph stands for text the CMap cannot say. The vendored fpdf does this
// through its patch 06-glyph-runs (GlyphRun); internal/fonts and
// internal/pdfcanvas connect the two for the report.
package shape
