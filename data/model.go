// Package data holds the briefing model: the types a briefing's data files
// decode into, their loading and validation, and the derived views that
// charts and the report read (events in date order, actor frequency, the
// reporting window, dates displayed by precision).
//
// A *Briefing returned by Load has passed validation: every reference
// resolves, every required field is present. It is not modified afterwards.
package data

import (
	"time"

	"github.com/briefing-pdf/briefing/internal/rgb"
)

// Briefing is a validated briefing: metadata, the sides and people it
// speaks of, its sources, its events and its narrative.
type Briefing struct {
	Meta     Meta
	Parties  []Party
	Actors   []Actor
	Sources  []Source
	Events   []Event // in file order; see Chronology for date order
	Sections []Section
	// Judgments are the key judgments, each with its confidence, in file
	// order (files in config order).
	Judgments []Judgment

	// Files lists the data files the briefing was read from, in order.
	Files []string

	derived  *derived // computed once by Load
	warnings Errors   // found while loading; see Warnings
}

// Meta is the [briefing] table.
type Meta struct {
	Title    string
	Subtitle string
	Author   string
	Date     time.Time // publication date, UTC midnight
	Period   *Period   // optional chart window
	Summary  string    // Markdown: the key judgments
	Keywords []string
	// Edition names this issue of a recurring briefing ("12", "2024-W14");
	// empty when not given. Texts refer to it as {edition}.
	Edition string
	Pos     Pos
}

// Period is a closed window of calendar dates (UTC midnight).
type Period struct {
	Start time.Time
	End   time.Time
}

// Party is a side, state or institution.
type Party struct {
	ID    ID
	Name  string
	Color Color // zero when unset
	Pos   Pos
}

// Actor is a person or body that takes part in events.
type Actor struct {
	ID    ID
	Name  string
	Role  string
	Party ID // empty when unset
	Pos   Pos
}

// Source is a document that events and citations rest on.
type Source struct {
	ID        ID
	Title     string
	Publisher string
	URL       URL
	Date      time.Time // zero when unset
	// Kind is what sort of document it is: official, news, analysis,
	// academic, opinion, dataset or other; empty when not given.
	Kind        SourceKind
	Perspective string    // whose point of view it speaks from; free text
	Reliability string    // the Admiralty grade "A"…"F"; empty when not given
	Accessed    time.Time // when it was read; zero when unset
	// TextFile is the path of a copy of the source's text, as written in
	// the data file (relative to that file's directory); Text is that
	// text, read by Load. Quotations of events resting on this source
	// are checked against it.
	TextFile string
	Text     string
	Pos      Pos
}

// SourceKind is the sort of document a source is.
type SourceKind string

// The source kinds.
const (
	KindOfficial SourceKind = "official" // a government's or organisation's own statement or record
	KindNews     SourceKind = "news"     // news reporting
	KindAnalysis SourceKind = "analysis" // a think tank's or analyst's assessment
	KindAcademic SourceKind = "academic" // peer-reviewed or scholarly work
	KindOpinion  SourceKind = "opinion"  // an opinion or commentary piece
	KindDataset  SourceKind = "dataset"  // a body of data (event data, statistics)
	KindOther    SourceKind = "other"
)

// SourceKinds lists the kinds in the order reports show them.
var SourceKinds = []SourceKind{KindOfficial, KindNews, KindAnalysis, KindAcademic, KindOpinion, KindDataset, KindOther}

// Judgment is one key judgment: Markdown with citations, held with a
// stated confidence.
type Judgment struct {
	Text       string // Markdown with [@id] citations
	Confidence Confidence
	Pos        Pos
}

// Confidence is the analyst's confidence in a judgment, as ICD 203 and
// common analytic practice grade it.
type Confidence int

const (
	Low Confidence = iota + 1
	Moderate
	High
)

// Event is one dated happening.
type Event struct {
	ID        ID
	Date      time.Time // UTC midnight
	End       time.Time // zero when the event has no end date; never before Date
	Precision Precision // how exact Date (and End) are; Day when not given
	// NotBefore and NotAfter, when set, bound an interval of uncertainty:
	// the event happened on some date inside [NotBefore, NotAfter] (UTC
	// midnight, inclusive). Both are set or neither; such an event has no
	// End and day Precision. Its Date lies inside the interval (NotBefore
	// unless the data gives another) and only orders it in the chronology:
	// it is never printed or drawn as the event's date. Zero when unset.
	// Charts draw such an event as a band over the interval, never as a
	// marker at a made-up date.
	NotBefore time.Time
	NotAfter  time.Time
	Basis     Basis // whether the source states or the author inferred the date, place and actors
	Title     string
	Kind      string // a free word: meeting, call, statement…; may be empty
	Track     string // groups events into timeline lanes; may be empty
	Actors    []ID   // actor ids, in the order written
	Location  string
	Summary   string // Markdown
	Quotes    []Quote
	Sources   []ID // source ids, in the order written
	Key       bool // label this event on the timeline
	Pos       Pos
}

// Basis says, for an event's date, place and participants, whether the
// source states them or they were inferred, and from what (Note).
type Basis struct {
	Date   Grounds
	Place  Grounds
	Actors Grounds
	Note   string // what an inference rests on; required when any is Inferred
}

// Grounds is how a fact is known: Stated (the default) or Inferred.
type Grounds int

const (
	Stated   Grounds = iota // the source says it
	Inferred                // the author inferred it; Basis.Note says from what
)

// Quote is a verbatim quotation attributed to an actor. An ellipsis (…
// or ...) marks words left out.
type Quote struct {
	Text string
	By   ID
	Pos  Pos // where its text is written
}

// Section is one part of the narrative.
type Section struct {
	ID    ID
	Title string
	Body  string // Markdown with [@id] citations
	Pos   Pos
}

// ID is an identifier: [a-z0-9][a-z0-9-]*. Ids are unique within their
// kind across all data files; events and sources also share one namespace,
// that of [@id] citations (see Load).
type ID string

// URL is an absolute http or https URL.
type URL string

// Color is an sRGB colour written #rrggbb (hex digits in either case).
// The zero value means unset. It is the program's one colour type.
type Color = rgb.Color

// Precision says how exact an event's date is.
type Precision int

const (
	Day Precision = iota // the default
	Month
	Year
)
