package resolve

import (
	"strings"
	"unicode/utf8"

	"entente"
	"entente/internal/kb"
	"entente/internal/mention"
	"entente/internal/segment"
)

// mention builds the mention for a chunk.
func (st *state) mention(si int, toks []entente.Token, c chunk) (entente.Mention, bool) {
	m := entente.Mention{
		Sentence: si, First: c.first, Last: c.last,
		Span: entente.Span{Start: toks[c.first].Start, End: toks[c.last].End},
	}
	var named *kb.Actor
	var country, sector, placeOnly, head string
	var place *kb.Place
	person := false
	for _, u := range c.units {
		if u.e.Kind == mention.Role && head == "" {
			head = u.e.Role.Phrase
		}
		switch u.e.Kind {
		case mention.Actor:
			if named == nil {
				named = u.e.Actor
			}
		case mention.Country, mention.Demonym:
			if country == "" {
				country = u.e.Country
			}
		case mention.Place:
			if place == nil {
				place = u.e.Place
			}
		case mention.Role:
			if sector == "" {
				sector = u.e.Role.Sector
				// A role noun of one person in a plural case form names
				// many (Russian "активистов", "участников").
				person = u.e.Role.Person && !st.pluralCase(toks[u.last].Fold)
			}
		}
	}
	text := st.doc.Text[m.Start:m.End]
	possOrg := ""
	if head != "" && named == nil && country == "" && st.possessive(toks, c.first) {
		// "leur ambassadeur", "its troops": the country of the actor
		// before, or its organisation ("KFOR said its troops"); for the
		// possessive of one possessor, not an actor that names many ("its
		// minister" after "two Russian diplomats").
		one := st.words("possessiveone")[toks[c.first-1].Fold]
		for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence == si; k-- {
			if o := st.doc.Mentions[k]; o.Kind == entente.ActorMention && (o.Actor.Country != "" || o.Actor.Org != "") && !(one && st.many(o)) {
				country, possOrg = o.Actor.Country, o.Actor.Org
				break
			}
		}
	}
	if head != "" && named == nil {
		if country != "" {
			if _, ok := st.roleCountry[head]; !ok {
				st.roleCountry[head] = country
			}
		} else if country == "" {
			country = st.roleCountry[head]
			if country != "" {
				st.fromRole[[2]int{si, c.first}] = true
			} else {
				st.bareRole[[2]int{si, c.first}] = head
			}
		}
		if st.envoy(head) {
			// "two diplomats" after "the Togolese ambassador": envoys
			// without a country of their own are of the envoy's country
			// ("leurs ambassadeurs" are their possessor's).
			if country != "" {
				st.envoyOf = said{sentence: si, actor: entente.Actor{Country: country}}
			} else if st.envoyOf.actor.Country != "" && st.envoyOf.sentence >= si-2 && !st.possessive(toks, c.first) {
				country, m.Link = st.envoyOf.actor.Country, 0.7
			}
		}
	}
	if place != nil {
		m.Place = &entente.Place{Name: place.Name(st.doc.Lang), Country: place.Country, Lat: place.Lat, Lon: place.Lon, GeonamesID: place.GeonamesID}
		if country == "" && (sector != "" || named != nil) {
			placeOnly = place.Country
		}
	}
	switch {
	case named != nil && named.Kind == "media":
		m.Kind = entente.ReporterMention
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: named.Country, Sector: "MED"}
		return m, true
	case named != nil && sector == "MED" && named.Kind != "person":
		m.Kind = entente.ReporterMention
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: named.Country, Sector: "MED"}
		return m, true
	case named != nil:
		cty, org, sec, _ := named.At(st.doc.Date)
		if cty == "" {
			cty = country
		}
		if cty == "" {
			cty = placeOnly
		}
		if sec == "" {
			sec = sector
		}
		m.Kind = entente.ActorMention
		m.Person = named.Kind == "person"
		m.Actor = entente.Actor{Name: named.Name, ID: named.ID, Country: cty, Org: org, Sector: sec}
		if m.Person {
			// "M. Sánchez" after "Pedro Sánchez": surnames too common to be
			// aliases still refer back within one document.
			st.local[surname(named.Name)] = m.Actor
			if head != "" && cty != "" {
				st.titled[head+"|"+cty] = m.Actor
			}
		}
	case c.name != "":
		if country == "" {
			country = placeOnly
		}
		m.Kind = entente.ActorMention
		m.Person = true
		m.Actor = entente.Actor{Name: c.name, ID: "", Country: country, Sector: sector}
		st.local[surname(c.name)] = m.Actor
	case sector != "" && country == "" && st.words("unbody")[strings.ReplaceAll(segment.Fold(head), " ", "_")]:
		// "le Conseil de sécurité" that no country names is the UN's.
		m.Kind = entente.ActorMention
		m.Actor = entente.Actor{Name: text, Org: "UN", Sector: "IGO"}
	case sector != "":
		if country == "" {
			country = placeOnly
		}
		m.Kind = entente.ActorMention
		m.Person = person
		m.Actor = entente.Actor{Name: text, Country: country, Sector: sector}
		if country == "" && possOrg != "" {
			m.Actor.Org = possOrg
			break
		}
		if person && country != "" {
			// "le président iranien" after "le président Masoud Pezeshkian":
			// the same title and country name the same person.
			if a, ok := st.titled[head+"|"+country]; ok {
				m.Actor.ID, m.Actor.Name = a.ID, a.Name
			}
		}
		if person && country == "" {
			// "a tweeté la ministre" after "la cheffe de la diplomatie
			// britannique Liz Truss": a bare title is the official just named.
			for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence >= si-1; k-- {
				// An envoy's title never names a minister, nor the reverse:
				// "a tweeté la ministre" after "l'ambassadeur russe".
				if p := st.doc.Mentions[k]; p.Person && p.Actor.Sector == sector && p.Actor.Country != "" && st.envoy(st.heads[personKey(p.Actor)]) == st.envoy(head) {
					m.Actor.Country, m.Actor.ID, m.Actor.Name = p.Actor.Country, p.Actor.ID, p.Actor.Name
					break
				}
			}
		}
		if !person && country == "" && st.definite(toks, c.first) {
			// "le groupe jihadiste", "the militia" after "Boko Haram": a
			// bare group title is the group of that sector just named.
			if a, ok := st.lastNamed(si, func(a entente.Actor) bool { return a.Sector == sector }); ok {
				m.Actor, m.Link = a, 0.7
			} else if a, ok := st.namedAs(head); ok {
				m.Actor, m.Link = a, 0.7
			}
		}
	case country != "":
		m.Kind = entente.ActorMention
		m.Actor = entente.Actor{Name: text, Country: country}
		if st.crowd(toks, c.first) {
			// "des milliers de Kényans", "thousands of Iraqis": people.
			m.Actor.Sector = "CVL"
		}
	case place != nil && len(c.units) == 1 && st.surnamed(text):
		// "Bolton said" after "John Bolton", "Austin" after "Lloyd
		// Austin": the surname of a person named before beats a town.
		m.Kind = entente.ActorMention
		m.Person = true
		m.Actor = st.local[strings.ToLower(text)]
	case place != nil:
		// A place taken as an actor ("la visite à Téhéran", "strikes on
		// Gaza") stands for its country.
		m.Kind = entente.PlaceMention
		m.Actor = entente.Actor{Name: m.Place.Name, Country: place.Country, Code: place.Country}
		return m, true
	default:
		return m, false
	}
	if m.Actor.Name == "" {
		m.Actor.Name = text
	}
	if m.Person && head != "" {
		if _, ok := st.heads[personKey(m.Actor)]; !ok {
			st.heads[personKey(m.Actor)] = head
		}
	}
	m.Actor.Code = actorCode(m.Actor)
	return m, true
}

// surnamed reports whether text is the surname of a person named before
// in the document.
func (st *state) surnamed(text string) bool {
	_, ok := st.local[strings.ToLower(text)]
	return ok
}

func personKey(a entente.Actor) string {
	if a.ID != "" {
		return a.ID
	}
	return a.Name + "|" + a.Country
}

func actorCode(a entente.Actor) string {
	switch {
	case a.Org != "":
		return "IGO" + a.Org
	case a.Country != "":
		return a.Country + a.Sector
	}
	return a.Sector
}

func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

// definite reports whether the phrase at token i follows a definite or
// demonstrative determiner ("le", "the", "ce", "this").
func (st *state) definite(toks []entente.Token, i int) bool {
	return i > 0 && (st.words("definite")[toks[i-1].Fold] || st.words("demonstrative")[toks[i-1].Fold])
}

// lastNamed finds the last actor with an identity (a named group or body,
// not a person) in the three sentences up to si that ok accepts.
func (st *state) lastNamed(si int, ok func(entente.Actor) bool) (entente.Actor, bool) {
	for k := len(st.doc.Mentions) - 1; k >= 0 && st.doc.Mentions[k].Sentence >= si-3; k-- {
		m := st.doc.Mentions[k]
		if m.Kind == entente.ActorMention && !m.Person && m.Actor.ID != "" && ok(m.Actor) {
			return m.Actor, true
		}
	}
	return entente.Actor{}, false
}

// namedAs finds the organisation or body named earlier in the document
// whose name begins with the role noun head: "la Cour" after "la Cour
// pénale internationale", "l'Agence" after "l'Agence internationale de
// l'énergie atomique", however long ago.
func (st *state) namedAs(head string) (entente.Actor, bool) {
	head = segment.Fold(head)
	if head == "" || strings.Contains(head, " ") {
		return entente.Actor{}, false
	}
	// The mentions added since the last call join the index, the later
	// naming a first word over the earlier: the document is read once,
	// not once per role noun (which made long documents quadratic).
	if st.named == nil || st.namedUpTo > len(st.doc.Mentions) {
		st.named, st.namedUpTo = map[string]entente.Actor{}, 0
	}
	for ; st.namedUpTo < len(st.doc.Mentions); st.namedUpTo++ {
		m := st.doc.Mentions[st.namedUpTo]
		if m.Kind != entente.ActorMention || m.Person || m.Actor.ID == "" || m.Link > 0 {
			continue
		}
		for _, w := range st.r.firstWords(m.Actor.ID) {
			st.named[w] = m.Actor
		}
	}
	a, ok := st.named[head]
	return a, ok
}

// possessive reports whether the phrase at token i follows a possessive
// determiner ("son", "leur", "its", "their").
func (st *state) possessive(toks []entente.Token, i int) bool {
	if i == 0 {
		return false
	}
	return st.words("possessive")[toks[i-1].Fold]
}

// crowd reports whether the phrase at token i follows a number of people:
// "des milliers de", "thousands of", "plusieurs centaines de".
func (st *state) crowd(toks []entente.Token, i int) bool {
	crowd := st.words("crowd")
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if crowd[toks[k].Fold] {
			return true
		}
	}
	return false
}

// pluralCase reports a word that ends in one of the plural case endings of
// its language (words.tsv pluralcase: Russian "-ов", "-ами"), keeping
// three letters before it.
func (st *state) pluralCase(fold string) bool {
	for e := range st.words("pluralcase") {
		if strings.HasSuffix(fold, e) && utf8.RuneCountInString(fold)-utf8.RuneCountInString(e) >= 3 {
			return true
		}
	}
	return false
}
