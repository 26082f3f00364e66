package resolve

import (
	"entente"
)

// joined reports whether toks[i:j] only coordinate two actors: "et",
// "and", a comma, "ainsi que", with determiners; and whether a
// conjunction (not only a comma) is among them.
func (st *state) joined(toks []entente.Token, i, j int) (ok, conj bool) {
	if j <= i || j-i > 4 {
		return false, false
	}
	and, glue := st.words("and"), st.words("glue")
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
	// "Blinken, the Kremlin replied": commas alone make no list.
	head := map[int]entente.Actor{}
	for i := first; i < len(st.doc.Mentions); i++ {
		m := &st.doc.Mentions[i]
		g := m.Group
		if g > 0 && !conj[g] {
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
