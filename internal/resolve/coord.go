package resolve

import (
	"entente"
)

// joined reports whether toks[i:j] only coordinate two actors: "et",
// "and", a comma, "ainsi que", with determiners and a noun of the
// "thegroup" class ("et le mouvement Hamas"); and whether a
// conjunction (not only a comma) is among them.
func (st *state) joined(toks []entente.Token, i, j int) (ok, conj bool) {
	if st.allies(toks, i, j) {
		return true, true
	}
	if j <= i || j-i > 4 {
		return false, false
	}
	and, glue, group := st.words("and"), st.words("glue"), st.words("thegroup")
	seen := false
	for k := i; k < j; k++ {
		f := toks[k].Fold
		switch {
		case and[f]:
			seen = true
			conj = conj || f != ","
		case k+1 < j && and[f+"_"+toks[k+1].Fold]:
			seen, conj = true, true
			k++
		case k+2 < j && and[f+"_"+toks[k+1].Fold+"_"+toks[k+2].Fold]:
			seen, conj = true, true
			k += 2
		case glue[f] && f != "de" && f != "of" && f != "d":
		case seen && glue[f]:
			// "les consuls du Japon, de Corée et du Brésil"
		case seen && group[f] && (k == j-1 || k == j-2 && toks[j-1].Kind == entente.Word && !toks[j-1].Upper):
			// "la Somalie et le groupe Al-Chabab", "le Liban et le
			// mouvement chiite Hezbollah": the kind of the group named
			// next, with an adjective.
			k = j
		default:
			return false, false
		}
	}
	return seen, conj
}

// settleGroups undoes the groups of this sentence's mentions (from first
// on) that only commas joined, and gives bare countries of a list the
// sector of its first member. conj holds the groups a conjunction joined.
func (st *state) settleGroups(first int, conj map[int]bool) {
	// "Blinken, the Kremlin replied": commas alone make no list of two;
	// three names or more are one ("le Mali, le Niger, le Tchad ont").
	size := map[int]int{}
	for _, m := range st.doc.Mentions[first:] {
		size[m.Group]++
	}
	head := map[int]entente.Actor{}
	for i := first; i < len(st.doc.Mentions); i++ {
		m := &st.doc.Mentions[i]
		g := m.Group
		if g > 0 && !conj[g] && size[g] < 3 {
			m.Group = 0
			continue
		}
		if g == 0 {
			continue
		}
		// "les consuls du Japon, de Corée et du
		// Brésil": bare countries in the list share the first one's sector.
		if h, ok := head[g]; !ok {
			head[g] = m.Actor
		} else if m.Actor.Sector == "" && m.Actor.ID == "" && h.Sector != "" && h.ID == "" {
			m.Actor.Sector = h.Sector
			m.Actor.Code = actorCode(m.Actor)
		}
	}
}

// allies reports whether toks[i:j] joins an actor to its allies named
// after it: "the United States and its key allies, including Japan",
// "Damascus and its close ally Moscow", "la France et ses partenaires,
// dont l'Italie". A conjunction leads; one noun of the "ally" class,
// after a possessive or determiner and up to two adjectives, follows; a
// word of the "including" class may close the gap.
func (st *state) allies(toks []entente.Token, i, j int) bool {
	if j-i < 2 || j-i > 8 {
		return false
	}
	and, ally, incl := st.words("and"), st.words("ally"), st.words("including")
	poss, det := st.words("possessive"), st.words("definite")
	k := i
	if f := toks[k].Fold; !and[f] || f == "," {
		return false
	}
	k++
	if k < j && (poss[toks[k].Fold] || det[toks[k].Fold]) {
		k++
	}
	for n := 0; k < j && !ally[toks[k].Fold]; n++ {
		// Adjectives before the ally noun: "key", "closest".
		if n == 2 || toks[k].Fold == "," || and[toks[k].Fold] || incl[toks[k].Fold] {
			return false
		}
		k++
	}
	if k == j {
		return false
	}
	k++ // the ally noun
	if k < j && toks[k].Fold == "," {
		k++
	}
	if k < j && incl[toks[k].Fold] {
		k++
	} else if k+1 < j && incl[toks[k].Fold+"_"+toks[k+1].Fold] {
		k += 2
	}
	if k < j && det[toks[k].Fold] {
		k++ // "including the Netherlands"
	}
	return k == j
}
