package code

import (
	"strings"

	"entente"
)

// Reported speech: who says a sentence (speakers, quotes across
// sentences) and accusations made by reporting an act.

// markReporters bans from the slots the mentions that report rather than
// act: news media, and whoever follows "selon" / "according to".
func (c *Coder) markReporters(lang string, v *sentenceView, ms []int) {
	for _, mi := range ms {
		m := v.mentions[mi]
		if m.Kind == entente.ReporterMention {
			v.banned[mi] = true
			continue
		}
		// "selon la radio publique kényane", "according to Thai officials"
		for k := m.First - 1; k >= 0 && k >= m.First-5; k-- {
			f := v.toks[k].Fold
			if v.toks[k].Kind == entente.Punct && f != "'" {
				break
			}
			if c.kb.Is(lang, "according", f) || (k > 0 && c.kb.Is(lang, "according", v.toks[k-1].Fold+"_"+f)) {
				v.banned[mi] = true
				break
			}
		}
	}
}

// attribution lists the reporting sources of a sentence: the media it
// names and whoever "selon" / "according to" introduces.
func (c *Coder) attribution(doc *entente.Document, v *sentenceView) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, mi := range v.own {
		m := v.mentions[mi]
		if !v.banned[mi] {
			continue
		}
		name := m.Actor.Name
		if m.Actor.ID == "" && m.Kind == entente.ActorMention {
			name = doc.Text[m.Start:m.End]
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// speakers finds who speaks in a sentence: the actor just before or just
// after a reporting verb ("Haley told", "a déclaré le ministre"). Events
// the speaker is not part of are attributed to them.
// quoteSpeakers finds, for each sentence inside a quotation (« … »), who
// speaks it: the actor beside the reporting verb after the quote closes
// ("», a souligné le ministère"), in the sentence where it closes. It
// reads doc.Sentences[from:to]; out[i] is sentence from+i's speaker.
func (c *Coder) quoteSpeakers(doc *entente.Document, bySentence [][]int, from, to int) []entente.Actor {
	out := make([]entente.Actor, to-from)
	open := -1 // the sentence where the pending quote opened
	for si := from; si < to; si++ {
		s := doc.Sentences[si]
		closed := false
		for _, t := range s.Tokens {
			switch doc.Text[t.Start:t.End] {
			case "«", "“":
				if open < 0 {
					open = si
				}
			case "»", "”":
				if open >= 0 {
					closed = true
				}
			case "\"":
				if open < 0 {
					open = si
				} else {
					closed = true
				}
			}
		}
		if open < 0 || !closed {
			if open >= 0 && si-open > quoteReach {
				open = -1 // an unbalanced mark: give up
			}
			continue
		}
		v := sentenceView{toks: s.Tokens, mentions: doc.Mentions, own: bySentence[si], banned: map[int]bool{}}
		c.markReporters(doc.Lang, &v, bySentence[si])
		var who entente.Actor
		for _, mi := range c.speakers(doc.Lang, &v) {
			if m := doc.Mentions[mi]; !m.Actor.IsZero() {
				who = m.Actor
				break
			}
		}
		for k := open; k <= si; k++ {
			out[k-from] = who
		}
		open = -1
	}
	return out
}

// quoteReach is how many sentences after the one that opens it a
// quotation may close; past that its mark is taken as unbalanced.
const quoteReach = 5

// QuoteCut reports whether a quotation can be open across the start of
// sentence si (for CodeSentences): not when a quotation mark stands in
// the sentences before it within quoteReach+1.
func QuoteCut(doc *entente.Document, si int) bool {
	for k := max(0, si-quoteReach-1); k < si; k++ {
		s := doc.Sentences[k]
		if strings.ContainsAny(doc.Text[s.Start:s.End], "«“»”\"") {
			return false
		}
	}
	return true
}

func (c *Coder) speakers(lang string, v *sentenceView) []int {
	var out []int
	for k, t := range v.toks {
		if !c.kb.Is(lang, "reported", t.Fold) && !(k > 0 && c.kb.Is(lang, "reported", v.toks[k-1].Fold+"_"+t.Fold)) {
			continue
		}
		for _, mi := range v.own {
			m := v.mentions[mi]
			if v.banned[mi] || m.Kind == entente.PlaceMention {
				continue
			}
			if m.Last < k && k-m.Last <= 3 && c.onlyFillers(lang, v.toks[m.Last+1:k]) || m.First > k && m.First-k <= 3 {
				out = append(out, mi)
			}
		}
	}
	return out
}
