package data

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/briefing-pdf/briefing/internal/diag"
)

// maxFileSize bounds a data file; a briefing's data is a few hundred
// kilobytes.
const maxFileSize = 16 << 20

// Load reads the named data files from fsys, validates them together and
// returns the briefing, or an Errors value listing every problem found.
//
// Paths are fs.FS paths (slash-separated; for a config they are relative
// to the config's directory) and appear in errors as given. The files'
// arrays are concatenated in the order of paths; [briefing] must appear in
// exactly one of them.
//
// Ids must be unique within their kind (parties, actors, sources, events,
// sections) across all files. Events and sources also share one namespace,
// that of [@id] citations, so an event may not have a source's id.
// A party and an actor, or a section and an event, may share an id.
//
// Every reference must resolve: an actor's party to a party; an event's
// actors to actors and its sources to sources; a quote's by to an actor; a
// citation [@id] in the briefing summary, an event summary or a section
// body to an event or a source.
//
// Dates are TOML local dates (2023-05-01) and come back as UTC midnight of
// that calendar date whatever the machine's time zone. A date-time, with
// or without offset, or a time, is an error: a briefing's dates are
// calendar days.
func Load(fsys fs.FS, paths []string) (*Briefing, error) {
	return LoadWith(fsys, paths, Options{})
}

// LoadWith is Load with options: the imports of CSV data files, the cap
// on a file's size and overrides of [briefing] values. A path ending in
// .csv is read through its import, one ending in .json as JSON in the
// format's shape, any other as TOML.
func LoadWith(fsys fs.FS, paths []string, opt Options) (*Briefing, error) {
	var errs Errors
	var parts []*part
	if len(paths) == 0 {
		return nil, Errors{{Msg: "no data files given"}}
	}
	for _, p := range paths {
		src, err := readFile(fsys, p, opt.maxSize())
		if err != nil {
			errs = append(errs, &Error{File: p, Msg: err.Error()})
			continue
		}
		pt, perrs := opt.decode(p, src)
		errs = append(errs, perrs...)
		if pt != nil {
			errs = append(errs, readSourceTexts(fsys, pt)...)
			parts = append(parts, pt)
		}
	}
	for _, pt := range parts {
		if pt.meta != nil && len(opt.Meta) > 0 && len(errs) == 0 {
			m, oerrs := applyOverrides(*pt.meta, opt.Meta)
			errs = append(errs, oerrs...)
			pt.meta = &m
		}
	}
	for _, pt := range parts {
		if pt.meta != nil && len(errs) == 0 {
			errs = append(errs, expandPlaceholders(pt.meta, parts, opt.Dates)...)
			break
		}
	}
	return assemble(parts, paths, errs)
}

// readFile reads a file from fsys, refusing anything but a regular file
// of at most limit bytes. The size is checked on the bytes read, not on
// what Stat says, which a device or a growing file would belie.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("invalid path %q: want a slash-separated path relative to the config, without . or .. elements", name)
	}
	b, err := ReadRegular(fsys, name, limit)
	var tl tooLargeError
	if errors.As(err, &tl) {
		return nil, errors.New(tooLarge(limit))
	}
	return b, err
}

// ReadRegular reads name from fsys if it is a regular file of at most max
// bytes, counting the bytes actually read. Its errors name no path.
func ReadRegular(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, plainPathError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, plainPathError(err)
	}
	if m := st.Mode(); !m.IsRegular() {
		return nil, NotRegular(m)
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, plainPathError(err)
	}
	if int64(len(b)) > max {
		return nil, tooLargeError{max}
	}
	return b, nil
}

// tooLargeError is a file over ReadRegular's cap.
type tooLargeError struct{ max int64 }

func (e tooLargeError) Error() string { return fmt.Sprintf("file too large (at most %d bytes)", e.max) }

// NotRegular says what a file of mode m is instead of a regular file.
func NotRegular(m fs.FileMode) error {
	switch {
	case m.IsDir():
		return errors.New("is a directory, not a file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe (FIFO), not a regular file")
	case m&fs.ModeSocket != 0:
		return errors.New("is a socket, not a regular file")
	case m&fs.ModeCharDevice != 0:
		return errors.New("is a character device, not a regular file")
	case m&fs.ModeDevice != 0:
		return errors.New("is a device, not a regular file")
	case m&fs.ModeSymlink != 0:
		return errors.New("is a symbolic link that was not followed")
	}
	return errors.New("is not a regular file")
}

// plainPathError drops the path from a *fs.PathError, since Error already
// names the file.
func plainPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("no such file")
		}
		return pe.Err
	}
	return err
}

// LoadBytes validates one in-memory data file named name (used in errors)
// and returns the briefing or an Errors value; see Load for the rules.
func LoadBytes(name string, src []byte) (*Briefing, error) {
	var errs Errors
	var parts []*part
	if len(src) > maxFileSize {
		errs = append(errs, &Error{File: name, Msg: fmt.Sprintf("file too large (at most %d bytes)", maxFileSize)})
	} else {
		pt, perrs := decodeFile(name, src)
		errs = append(errs, perrs...)
		if pt != nil {
			errs = append(errs, readSourceTexts(nil, pt)...)
			parts = append(parts, pt)
			if pt.meta != nil && len(errs) == 0 {
				errs = append(errs, expandPlaceholders(pt.meta, parts, DateText{})...)
			}
		}
	}
	return assemble(parts, []string{name}, errs)
}

// part is what one data file contributes, with the references it makes,
// resolved once all files are read.
type part struct {
	file     string
	meta     *Meta
	parties  []Party
	actors   []Actor
	sources  []Source
	events   []Event
	sections []Section
	refs     []ref

	judgments []Judgment
	quoted    []quotation // quotations to check against source texts
	texts     []textRef   // source texts to read
	warnings  Errors
}

// refKind says what a reference must resolve to.
type refKind int

const (
	refParty refKind = iota
	refActor
	refSource
	refCitable // an event or a source
)

// ref is one reference from an entry to an id.
type ref struct {
	kind  refKind
	id    ID
	file  string
	at    lc
	label string // the entry, e.g. `events[7] "munich-2023"`
	what  string // e.g. "actor", "quote by", "citation"
}

// decodeFile parses and decodes one data file. It returns nil and the
// errors when the file is not valid TOML.
func decodeFile(name string, src []byte) (pt *part, errs Errors) {
	text := string(src)
	if raw, pos, ok := fastParse(text); ok { // see fasttoml.go
		composeText(raw)
		d := &decoder{file: name, src: text}
		return d.decodeAll(raw, pos), d.errs
	}
	if e := checkNesting(text); e != nil {
		e.File = name
		return nil, Errors{e}
	}
	raw, err := parseTOML(text)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := parseErrorPos(text, pe)
			return nil, Errors{{File: name, Line: line, Col: col, Msg: pe.Message}}
		}
		return nil, Errors{{File: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}}
	}
	composeText(raw)
	pos, perr := scanPositions(text)
	if perr != nil {
		perr.File = name
		return nil, Errors{perr}
	}
	d := &decoder{file: name, src: text}
	pt = d.decodeAll(raw, pos)
	return pt, d.errs
}

// parseTOML decodes src into generic values. The TOML library is not
// known to panic, but a panic in it must not take the program down.
func parseTOML(src string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	_, err = toml.Decode(src, &raw)
	return raw, err
}

// assemble merges the files' parts, checks what spans files (one
// [briefing], unique ids, references) and returns the briefing or the
// sorted errors.
func assemble(parts []*part, paths []string, errs Errors) (*Briefing, error) {
	b := &Briefing{Files: append([]string(nil), paths...)}
	var metaFile string
	for _, pt := range parts {
		if pt.meta != nil {
			if metaFile == "" {
				b.Meta = *pt.meta
				metaFile = pt.file
			} else {
				m := pt.meta
				errs = append(errs, &Error{File: pt.file, Line: m.Pos.Line, Col: m.Pos.Col,
					Msg: fmt.Sprintf("[briefing] appears again (first in %s); give it in exactly one data file", posString(b.Meta.Pos))})
			}
		}
		b.Parties = append(b.Parties, pt.parties...)
		b.Actors = append(b.Actors, pt.actors...)
		b.Sources = append(b.Sources, pt.sources...)
		b.Events = append(b.Events, pt.events...)
		b.Sections = append(b.Sections, pt.sections...)
		b.Judgments = append(b.Judgments, pt.judgments...)
		b.warnings = append(b.warnings, pt.warnings...)
	}
	if metaFile == "" && len(parts) == len(paths) {
		// Every file parsed and none has [briefing].
		msg := "no [briefing] table; give it in exactly one data file"
		if len(paths) > 1 {
			msg = "no [briefing] table in any data file; give it in exactly one"
		}
		errs = append(errs, &Error{File: paths[0], Msg: msg})
	}
	errs = append(errs, checkUnique(b)...)
	if len(parts) == len(paths) {
		// References are resolved only when every file could be read:
		// otherwise each id defined in a missing or broken file would be
		// reported again wherever it is used.
		errs = append(errs, resolve(b, parts)...)
		if len(errs) == 0 {
			errs = append(errs, checkQuotations(b, parts)...)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	b.views() // compute the derived views once, before the briefing is shared
	b.warnings = append(b.warnings, lint(b)...)
	b.warnings.Sort()
	return b, nil
}

func posString(p Pos) string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// entry names an entry of one kind for uniqueness checks.
type entry struct {
	kind  string // "parties", …
	index int    // within its file
	id    ID
	pos   Pos
}

func (e entry) label() string { return fmt.Sprintf("%s[%d] %q", e.kind, e.index, e.id) }

// checkUnique reports ids used twice within a kind, and ids shared by an
// event and a source. The later entry is the one reported.
func checkUnique(b *Briefing) Errors {
	var errs Errors
	check := func(entries []entry, what string) {
		seen := make(map[ID]entry, len(entries))
		for _, e := range entries {
			if e.id == "" {
				continue // reported as missing
			}
			first, ok := seen[e.id]
			if !ok {
				seen[e.id] = e
				continue
			}
			msg := fmt.Sprintf("%s: duplicate id; first defined at %s (%s[%d])", e.label(), posString(first.pos), first.kind, first.index)
			if first.kind != e.kind {
				msg = fmt.Sprintf("%s: id already used at %s (%s[%d]); %s", e.label(), posString(first.pos), first.kind, first.index, what)
			}
			errs = append(errs, &Error{File: e.pos.File, Line: e.pos.Line, Col: e.pos.Col, Msg: msg})
		}
	}
	// Entries are numbered within their file, as in messages from decoding.
	list := func(kind string, n int, get func(int) (ID, Pos)) []entry {
		out := make([]entry, n)
		index := map[string]int{}
		for i := range out {
			id, p := get(i)
			out[i] = entry{kind, index[p.File], id, p}
			index[p.File]++
		}
		return out
	}
	parties := list("parties", len(b.Parties), func(i int) (ID, Pos) { return b.Parties[i].ID, b.Parties[i].Pos })
	actors := list("actors", len(b.Actors), func(i int) (ID, Pos) { return b.Actors[i].ID, b.Actors[i].Pos })
	sources := list("sources", len(b.Sources), func(i int) (ID, Pos) { return b.Sources[i].ID, b.Sources[i].Pos })
	events := list("events", len(b.Events), func(i int) (ID, Pos) { return b.Events[i].ID, b.Events[i].Pos })
	sections := list("sections", len(b.Sections), func(i int) (ID, Pos) { return b.Sections[i].ID, b.Sections[i].Pos })
	check(parties, "")
	check(actors, "")
	check(sections, "")
	// Sources and events share a namespace: check them together in file
	// order, so that the later of two entries is the one reported.
	fileIndex := make(map[string]int, len(b.Files))
	for i, f := range b.Files {
		if _, ok := fileIndex[f]; !ok {
			fileIndex[f] = i
		}
	}
	citable := append(append([]entry(nil), sources...), events...)
	sort.SliceStable(citable, func(i, j int) bool {
		a, c := citable[i].pos, citable[j].pos
		if fa, fc := fileIndex[a.File], fileIndex[c.File]; fa != fc {
			return fa < fc
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		return a.Col < c.Col
	})
	check(citable, "events and sources share the [@id] citation namespace")
	return errs
}

// resolve checks every reference against the merged briefing.
func resolve(b *Briefing, parts []*part) Errors {
	var errs Errors
	ids := func(n int, get func(int) ID) (map[ID]bool, []string) {
		set := make(map[ID]bool, n)
		var list []string
		for i := 0; i < n; i++ {
			if id := get(i); id != "" && !set[id] {
				set[id] = true
				list = append(list, string(id))
			}
		}
		sort.Strings(list)
		return set, list
	}
	partySet, partyList := ids(len(b.Parties), func(i int) ID { return b.Parties[i].ID })
	actorSet, actorList := ids(len(b.Actors), func(i int) ID { return b.Actors[i].ID })
	sourceSet, sourceList := ids(len(b.Sources), func(i int) ID { return b.Sources[i].ID })
	eventSet, eventList := ids(len(b.Events), func(i int) ID { return b.Events[i].ID })
	citeList := append(append([]string(nil), eventList...), sourceList...)
	sort.Strings(citeList)
	for _, pt := range parts {
		for _, r := range pt.refs {
			var ok bool
			var cands []string
			var what string
			switch r.kind {
			case refParty:
				ok, cands, what = partySet[r.id], partyList, "party"
			case refActor:
				ok, cands, what = actorSet[r.id], actorList, "actor"
			case refSource:
				ok, cands, what = sourceSet[r.id], sourceList, "source"
			case refCitable:
				ok, cands, what = eventSet[r.id] || sourceSet[r.id], citeList, "event or source"
			}
			if ok {
				continue
			}
			where := r.label + ": "
			if r.what != "" {
				where += r.what + " "
			}
			msg := fmt.Sprintf("%sunknown %s %s%s", where, what, diag.Quote(string(r.id)), diag.Suggest(string(r.id), cands))
			errs = append(errs, &Error{File: r.file, Line: r.at.line, Col: r.at.col, Msg: msg})
		}
	}
	return errs
}

// utcDate returns UTC midnight of t's calendar date.
func utcDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
