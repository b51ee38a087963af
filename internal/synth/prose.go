package synth

import "strings"

var (
	words = strings.Fields(`the of and to in a for on that with as by at from its was were is are be has have had
		which their talks agreement border peace process ministers delegation foreign government parties sides
		negotiations meeting statement regional security humanitarian corridor access aid support dialogue
		normalization treaty draft text commission delimitation transit routes communications connectivity
		envoy mediation proposal framework principles recognition sovereignty territorial integrity
		ceasefire violations troops withdrawal observers mission monitoring refugees displaced population
		assistance funding sanctions trade energy pipeline railway crossing checkpoint capital summit
		leaders officials spokesperson president prime minister parliament session vote resolution
		announced confirmed rejected welcomed criticized urged called discussed agreed postponed resumed
		signed proposed accused denied warned reaffirmed expressed committed hosted attended invited
		progress stalled concrete steps within reach remaining issues mutual guarantees international
		partners western eastern southern northern joint bilateral trilateral round second third final
		early late new further broader direct indirect public private official informal lasting durable`)
	capWords = []string{"Washington", "Brussels", "Geneva", "Yerevan", "Bakı", "Ankara", "Tbilisi", "Moscow",
		"Gəncə", "İstanbul", "Şuşa", "Zərbistan", "Türania", "Arvenia", "Lachin", "Kars", "Gümrü", "Naxçıvan"}
	connectives = []string{" – ", " — ", ", ", "; ", ", ", ", "}
)

// word returns a lower-case word, now and then a place name.
func (g *gen) word() string {
	if g.chance(0.08) {
		return g.pick(capWords)
	}
	return g.pick(words)
}

// phrase returns n words in [lo, hi] joined by spaces.
func (g *gen) phrase(lo, hi int) string {
	n := g.between(lo, hi)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

// title returns a headline of lo to hi words in title case.
func (g *gen) title(lo, hi int) string {
	n := g.between(lo, hi)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
		if i == 0 || len(ws[i]) > 3 {
			ws[i] = upperFirst(ws[i])
		}
	}
	if n > 2 && g.chance(0.1) {
		ws[n-2] += "’s"
	}
	return strings.Join(ws, " ")
}

// sentence returns a sentence of about lo to hi words, with now and then
// a quoted phrase, a dash, an emphasis or an apostrophe.
func (g *gen) sentence(lo, hi int) string {
	n := g.between(lo, hi)
	var w strings.Builder
	for i := 0; i < n; i++ {
		word := g.word()
		if i == 0 {
			word = upperFirst(word)
		}
		if i > 0 {
			switch {
			case i > 2 && i < n-2 && g.chance(0.06):
				w.WriteString(g.pick(connectives))
			default:
				w.WriteByte(' ')
			}
		}
		switch {
		case i > 0 && i < n-2 && g.chance(0.03):
			w.WriteString("“" + word + " " + g.word() + "”")
			i++
		case i > 0 && g.chance(0.02):
			w.WriteString("*" + word + "*")
		case g.chance(0.02):
			w.WriteString(word + "’s")
		default:
			w.WriteString(word)
		}
	}
	w.WriteByte('.')
	return w.String()
}

// paragraph returns sentences totalling lo to hi words.
func (g *gen) paragraph(lo, hi int) string {
	total := g.between(lo, hi)
	var w strings.Builder
	for total > 0 {
		n := min(total, g.between(6, 18))
		if total-n < 4 {
			n = total
		}
		if w.Len() > 0 {
			w.WriteByte(' ')
		}
		w.WriteString(g.sentence(n, n))
		total -= n
	}
	return w.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}
