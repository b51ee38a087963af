// Package synth generates synthetic briefings for benchmarks and scale
// tests: data files that follow the data contract (docs/data-format.md)
// with realistic proportions — titles of 4 to 10 words, summaries of 20 to
// 80 words of English-like text with some non-ASCII letters and
// typographic punctuation, five to eight tracks, hundreds of actors across
// ten parties, quotes on about one event in twelve, a source for every five
// events, dates of day, month and year precision, multi-day ranges, key
// events, and a narrative of 5 to 20 sections full of citations.
//
// The output depends only on the number of events and the seed: the same
// arguments give the same bytes, on any machine.
package synth

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// MaxFileEvents is the most events Files puts in one data file, which
// keeps each file well under the 16 MiB limit of a data file.
const MaxFileEvents = 10000

// Briefing is a generated briefing, ready to be written as TOML.
type Briefing struct {
	N        int // number of events
	Seed     int64
	meta     meta
	parties  []party
	actors   []actor
	sources  []source
	events   []event
	sections []section
}

type meta struct {
	title, subtitle, author string
	date, start, end        time.Time
	summary                 string
	keywords                []string
}

type party struct{ id, name, color string }

type actor struct{ id, name, role, party string }

type source struct {
	id, title, publisher, url string
	date                      time.Time
}

type quote struct{ text, by string }

type event struct {
	id          string
	date, end   time.Time
	precision   string // "", "month" or "year"
	title       string
	kind, track string
	actors      []string
	location    string
	summary     string
	quotes      []quote
	sources     []string
	key         bool
}

type section struct{ id, title, body string }

// Counts of the generated entries for n events.
func actorCount(n int) int   { return min(50+n/10, 800) }
func sourceCount(n int) int  { return max(3, n/5) }
func sectionCount(n int) int { return min(5+n/500, 20) }

// New generates a briefing of n events (n ≥ 0) from seed.
func New(n int, seed int64) *Briefing {
	if n < 0 {
		n = 0
	}
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
	b := &Briefing{N: n, Seed: seed}
	b.meta = meta{
		title:    fmt.Sprintf("Synthetic Briefing of %d Events", n),
		subtitle: "Mediation, aid and security in a fictional region – generated for benchmarks",
		author:   "briefing synth",
		date:     day(2024, 1, 15),
		start:    day(2023, 1, 1),
		end:      day(2023, 12, 31),
		keywords: []string{"synthetic", "benchmark", "mediation", "Gəncə", "İzmir", "Şuşa"},
	}
	b.parties = g.parties()
	b.actors = g.actors(actorCount(n), b.parties)
	b.sources = g.sources(sourceCount(n))
	b.events = g.events(n, b.actors, b.sources)
	b.sections = g.sections(sectionCount(n), b.events, b.sources)
	b.meta.summary = g.summary(b.events, b.sources)
	return b
}

// Generate returns a single data file of n events generated from seed.
// Beyond about 20,000 events the file exceeds the 16 MiB a data file may
// hold; use Files for those.
func Generate(n int, seed int64) []byte {
	b := New(n, seed)
	var w strings.Builder
	b.writeHead(&w)
	b.writeEvents(&w, 0, len(b.events))
	b.writeSections(&w)
	return []byte(w.String())
}

// Files returns a config and its data files for n events generated from
// seed, by slash-separated path: "config.toml" naming "data/briefing.toml"
// (metadata, parties, actors, sources, narrative) and the events in files
// "data/events-NN.toml" of at most MaxFileEvents events each.
func Files(n int, seed int64) map[string][]byte {
	b := New(n, seed)
	files := map[string][]byte{}
	var names []string
	var w strings.Builder
	b.writeHead(&w)
	b.writeSections(&w)
	files["data/briefing.toml"] = []byte(w.String())
	names = append(names, "data/briefing.toml")
	for i, k := 0, 1; i < len(b.events); i, k = i+MaxFileEvents, k+1 {
		var w strings.Builder
		fmt.Fprintf(&w, "# Synthetic events %d to %d of %d (seed %d).\n", i+1, min(i+MaxFileEvents, len(b.events)), n, b.Seed)
		b.writeEvents(&w, i, min(i+MaxFileEvents, len(b.events)))
		name := fmt.Sprintf("data/events-%02d.toml", k)
		files[name] = []byte(w.String())
		names = append(names, name)
	}
	files["config.toml"] = Config(names)
	return files
}

// Config returns a layout config that names the data files and otherwise
// keeps the defaults.
func Config(dataFiles []string) []byte {
	var w strings.Builder
	w.WriteString("# Layout config of a synthetic briefing (briefing synth).\n")
	w.WriteString("data = [")
	for i, f := range dataFiles {
		if i > 0 {
			w.WriteString(", ")
		}
		w.WriteString(quoted(f))
	}
	w.WriteString("]\noutput = \"briefing.pdf\"\n")
	return []byte(w.String())
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// gen holds the random source and the text generators.
type gen struct {
	rng *rand.Rand
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// between returns an int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

var partyNames = []struct{ id, name, color string }{
	{"us", "United States", "#0072b2"},
	{"eu", "European Union", "#56b4e9"},
	{"arvenia", "Republic of Arvenia", "#d55e00"},
	{"zerbistan", "Zərbistan", "#009e73"},
	{"turania", "Türania", "#cc79a7"},
	{"russia", "Russian Federation", "#e69f00"},
	{"iran", "Islamic Republic of Iran", "#999999"},
	{"georgia", "Georgia", "#f0e442"},
	{"un", "United Nations", "#332288"},
	{"osce", "OSCE Minsk Group", "#882255"},
}

func (g *gen) parties() []party {
	ps := make([]party, len(partyNames))
	for i, p := range partyNames {
		ps[i] = party(p)
	}
	return ps
}

var (
	givenNames = []string{"Antony", "Ararat", "Jeyhun", "Samantha", "Jake", "James", "Hikmət", "İlham", "Gökçe", "Şahin",
		"Nikol", "Charles", "Toivo", "Ursula", "Mevlüt", "Hakan", "Serdar", "Olga", "Sergey", "Tigran", "Aylin", "Mariam",
		"Lena", "Jürgen", "Zoë", "François", "Ayşe", "Elçin", "Ruben", "Anna", "David", "Irakli", "Salomé", "Kaja", "Peter"}
	familyNames = []string{"Mirzoyan", "Bayramov", "Əliyev", "Kalın", "Çavuşoğlu", "Hajiyev", "Grigoryan", "O’Brien",
		"Michel", "Klaar", "Rubinyan", "Kopyrkin", "Lavrov", "Müller", "Schröder", "Yılmaz", "Şimşek", "Gharibashvili",
		"Petrosyan", "Məmmədov", "Öztürk", "Dubois", "Lefèvre", "Kallas", "Novák", "Ivanova", "Zourabichvili", "Hovhannisyan",
		"Nasirov", "Smith", "Power", "Sullivan", "Reeker", "Olson", "Blinken"}
	roles = []string{"Foreign Minister", "Deputy Foreign Minister", "Special Envoy", "Ambassador", "National Security Advisor",
		"President", "Prime Minister", "Defence Minister", "Chief Negotiator", "Spokesperson", "Senior Adviser",
		"Head of Delegation", "Assistant Secretary of State", "Secretary of the Security Council", "Member of Parliament"}
)

func (g *gen) actors(n int, parties []party) []actor {
	as := make([]actor, n)
	for i := range as {
		first, last := g.pick(givenNames), g.pick(familyNames)
		a := actor{
			id:   fmt.Sprintf("%s-%d", slug(last), i+1),
			name: first + " " + last,
		}
		if !g.chance(0.1) {
			p := parties[g.rng.IntN(len(parties))]
			a.party = p.id
			a.role = g.pick(roles) + " of " + p.name
		} else if !g.chance(0.3) {
			a.role = g.pick(roles)
		}
		as[i] = a
	}
	return as
}

var publishers = []string{"Ministry of Foreign Affairs", "Office of the Spokesperson", "Presidential Press Service",
	"Reuters", "Associated Press", "Agence France-Presse", "Eurasianet", "CivilNet", "Turan News Agency",
	"Anadolu Ajansı", "Hürriyet Daily News", "Council of the European Union", "UN News", "OC Media"}

func (g *gen) sources(n int) []source {
	ss := make([]source, n)
	for i := range ss {
		pub := g.pick(publishers)
		d := day(2023, 1, 1).AddDate(0, 0, g.rng.IntN(365))
		s := source{
			id:    fmt.Sprintf("src-%05d", i+1),
			title: g.title(5, 12),
		}
		if !g.chance(0.1) {
			s.publisher = pub
		}
		if !g.chance(0.2) {
			s.url = fmt.Sprintf("https://news.example.org/%d/%02d/%s-%d", d.Year(), int(d.Month()), slug(pub), i+1)
		}
		if !g.chance(0.15) {
			s.date = d
		}
		ss[i] = s
	}
	return ss
}

var (
	tracks = []string{"arvenia-zerbistan", "arvenia-turania", "humanitarian", "congress", "security", "energy", "border-commission"}
	kinds  = []string{"meeting", "call", "statement", "visit", "negotiation", "military", "aid", "sanctions", "summit"}
	places = []string{"Arlington, Virginia", "Brussels", "Geneva", "Prague", "Granada", "Washington, D.C.", "Yerevan", "Bakı",
		"Tbilisi", "Ankara", "İstanbul", "Gəncə", "Vienna", "Almaty", "Moscow", "Kishinev", "Şuşa", "Gümrü"}
)

func (g *gen) events(n int, actors []actor, sources []source) []event {
	es := make([]event, n)
	// Eight key events at least, one in a hundred for long briefings.
	keyEvery := max(1, n/max(8, n/100))
	for i := range es {
		// Mostly the reporting year, a few before and after it.
		d := day(2022, 11, 1).AddDate(0, 0, g.rng.IntN(365+61+31))
		e := event{
			id:    fmt.Sprintf("ev-%05d", i+1),
			title: g.title(4, 10),
			kind:  g.pick(kinds),
			key:   i%keyEvery == keyEvery/2,
		}
		switch p := g.rng.IntN(20); {
		case p == 0:
			e.precision = "year"
			d = day(d.Year(), 1, 1)
		case p < 3:
			e.precision = "month"
			d = day(d.Year(), d.Month(), 1)
		case p < 6:
			e.end = d.AddDate(0, 0, g.between(1, 10))
		}
		e.date = d
		if !g.chance(0.05) {
			e.track = g.pick(tracks)
		}
		if g.chance(0.03) {
			e.kind = ""
		}
		for range g.between(0, 4) {
			a := actors[g.skewed(len(actors))].id
			if !contains(e.actors, a) {
				e.actors = append(e.actors, a)
			}
		}
		if !g.chance(0.2) {
			e.location = g.pick(places)
		}
		// Now and then a citation of an earlier event, in a closing
		// sentence of 6 to 8 words.
		if i > 0 && g.chance(0.1) {
			e.summary = g.paragraph(14, 72) + fmt.Sprintf(" It followed %s [@%s].", g.phrase(3, 5), es[g.rng.IntN(i)].id)
		} else {
			e.summary = g.paragraph(20, 80)
		}
		if len(e.actors) > 0 && g.chance(0.1) {
			e.quotes = append(e.quotes, quote{text: g.sentence(6, 24), by: e.actors[g.rng.IntN(len(e.actors))]})
		}
		for range g.between(0, 3) {
			s := sources[g.rng.IntN(len(sources))].id
			if !contains(e.sources, s) {
				e.sources = append(e.sources, s)
			}
		}
		es[i] = e
	}
	return es
}

// skewed returns an index in [0, n) with a long tail: a few actors take
// part in many events, most in a handful.
func (g *gen) skewed(n int) int {
	f := g.rng.Float64()
	return int(f * f * f * float64(n))
}

func (g *gen) sections(n int, events []event, sources []source) []section {
	ss := make([]section, n)
	titles := []string{"Background", "The Mediation Track", "Humanitarian Situation", "Security Developments",
		"Energy and Connectivity", "Regional Powers", "Domestic Politics", "The Border Commission",
		"Sanctions and Aid", "Outlook"}
	for i := range ss {
		t := titles[i%len(titles)]
		if i >= len(titles) {
			t += fmt.Sprintf(" (%s)", romanPart[i/len(titles)])
		}
		var body strings.Builder
		paras := g.between(3, 6)
		for p := 0; p < paras; p++ {
			if p > 0 {
				body.WriteString("\n\n")
			}
			switch {
			case p == 2 && g.chance(0.4):
				for k := g.between(3, 5); k > 0; k-- {
					body.WriteString("- " + g.sentence(6, 16))
					g.cite(&body, events, sources)
					body.WriteString("\n")
				}
			case p == 3 && g.chance(0.3):
				body.WriteString("> " + g.sentence(10, 25))
			default:
				for k := g.between(3, 6); k > 0; k-- {
					body.WriteString(g.sentence(8, 22))
					if g.chance(0.5) {
						g.cite(&body, events, sources)
					}
					if k > 1 {
						body.WriteString(" ")
					}
				}
			}
		}
		ss[i] = section{id: fmt.Sprintf("section-%02d", i+1), title: t, body: strings.TrimSpace(body.String())}
	}
	return ss
}

var romanPart = []string{"", "II", "III", "IV"}

// cite appends a citation of one or two events or a source.
func (g *gen) cite(w *strings.Builder, events []event, sources []source) {
	var ids []string
	switch {
	case len(events) > 0 && g.chance(0.8):
		ids = append(ids, "@"+events[g.rng.IntN(len(events))].id)
		if g.chance(0.2) {
			ids = append(ids, "@"+events[g.rng.IntN(len(events))].id)
		}
	case len(sources) > 0:
		ids = append(ids, "@"+sources[g.rng.IntN(len(sources))].id)
	}
	if len(ids) > 0 && (len(ids) == 1 || ids[0] != ids[1]) {
		fmt.Fprintf(w, " [%s]", strings.Join(ids, "; "))
	}
}

func (g *gen) summary(events []event, sources []source) string {
	var w strings.Builder
	for k := g.between(4, 6); k > 0; k-- {
		w.WriteString("- **" + g.sentence(5, 10) + "** " + g.sentence(12, 30))
		g.cite(&w, events, sources)
		w.WriteString("\n")
	}
	return w.String()
}

// slug makes an id fragment of the ASCII letters of s.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "x"
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
