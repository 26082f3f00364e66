package when

import "strings"

// SentenceTense guesses whether a sentence reports the past or announces
// the future, from its words: future and conditional endings of French
// verbs ("se rendra", "rencontreraient"), "va"/"doit" + infinitive,
// "prévoit", "prochain", English "will", "is to", "expected to", "plans
// to", "next"; for the past, French auxiliary + participle, passé simple
// and imparfait endings, "hier", "dernier", English "-ed" forms, "did",
// "was", "yesterday", "last". Reporting verbs ("a déclaré", "said") weigh
// half, since "X will come, Y said" announces the future. It returns
// Unknown when the evidence is balanced or absent.
func SentenceTense(text, lang string) Tense {
	toks := tokenize(text, make([]token, 0, len(text)/5+4))
	code, _, _ := strings.Cut(strings.ToLower(lang), "-")
	known := code == "fr" || code == "en"
	var fut, past int
	if code == "fr" || !known {
		f, p := frenchTense(text, toks)
		fut, past = fut+f, past+p
	}
	if code == "en" || !known {
		f, p := englishTense(toks)
		fut, past = fut+f, past+p
	}
	switch {
	case fut > past:
		return Future
	case past > fut:
		return Past
	}
	return Unknown
}

// tword returns the folded word at k, or "".
func tword(toks []token, k int) string {
	if k < 0 || k >= len(toks) || toks[k].kind != tWord {
		return ""
	}
	return toks[k].s
}

// properNoun reports whether token k is capitalised inside the sentence.
func properNoun(toks []token, k int) bool {
	if !toks[k].upper || k == 0 {
		return false
	}
	prev := toks[k-1]
	return !(prev.kind == tPunct && (prev.s == "." || prev.s == "«" || prev.s == "\"" || prev.s == ":"))
}

func frenchTense(text string, toks []token) (fut, past int) {
	for k, t := range toks {
		if t.kind != tWord {
			continue
		}
		w := t.s
		raw := text[t.start:t.end]
		switch w {
		case "demain", "prochain", "prochaine", "prochains", "prochaines", "bientot",
			"prevu", "prevue", "prevus", "prevues", "prevoit", "prevoient", "envisage", "envisagent":
			fut += 2
			continue
		case "hier", "dernier", "derniere", "derniers", "dernieres":
			past += 2
			continue
		case "va", "vont", "allait", "allaient", "doit", "doivent", "devait", "devaient":
			if frInfinitiveAfter(toks, k+1) {
				fut += 2
			}
			continue
		case "aurait", "auraient", "serait", "seraient":
			// Conditional past reports an alleged past event; alone it is
			// a future in the past.
			if n, ok := frParticipleAfter(text, toks, k+1); ok {
				past += n
			} else {
				fut += 2
			}
			continue
		case "a", "ont", "avait", "avaient", "est", "sont", "etait", "etaient", "eut", "fut", "ait", "aient":
			if raw == "à" || raw == "À" || (w == "est" && t.upper && k > 0) {
				continue
			}
			if n, ok := frParticipleAfter(text, toks, k+1); ok {
				past += n
			} else if w == "avait" || w == "avaient" || w == "etait" || w == "etaient" {
				past++
			}
			continue
		}
		if properNoun(toks, k) || len(w) < 3 {
			continue
		}
		switch {
		case frFuture(raw, w):
			fut += 2
		case strings.HasSuffix(raw, "èrent") || (len(w) >= 5 && (strings.HasSuffix(w, "irent") || strings.HasSuffix(w, "urent"))):
			past += 2
		case len(w) >= 5 && (strings.HasSuffix(w, "ait") || strings.HasSuffix(w, "aient")) && !frAitNoun(w):
			past++
		}
	}
	return fut, past
}

// frFuture reports a future or conditional ending on a French word: the
// "-ra", "-ront", "-rait", "-raient" of the future stem, not the "-éra" of a
// noun ("caméra") or the "-ara" of a passé simple ("déclara").
func frFuture(raw, w string) bool {
	if w == "ira" || w == "iront" || w == "irait" || w == "iraient" {
		return true
	}
	if len(w) < 4 {
		return false
	}
	var stem string
	switch {
	case strings.HasSuffix(w, "ront"):
		return w != "front" && w != "affront" && !strings.HasSuffix(w, "affront")
	case strings.HasSuffix(w, "raient"):
		stem = w[:len(w)-6]
	case strings.HasSuffix(w, "rait"):
		if strings.HasSuffix(w, "trait") && !strings.HasSuffix(w, "ttrait") && !strings.HasSuffix(w, "itrait") ||
			strings.HasSuffix(w, "attrait") {
			return false
		}
		stem = w[:len(w)-4]
	case strings.HasSuffix(w, "ra"):
		stem = w[:len(w)-2]
		switch w {
		case "extra", "ultra", "contra", "intra", "cobra", "zebra", "sierra", "tiara", "mantra", "tantra", "hydra", "flora":
			return false
		}
	default:
		return false
	}
	if strings.HasSuffix(raw, "éra") || strings.HasSuffix(raw, "érait") || strings.HasSuffix(raw, "éraient") {
		return false
	}
	for _, end := range []string{"e", "i", "d", "r", "tt", "it", "v", "u", "oi"} {
		if strings.HasSuffix(stem, end) {
			return true
		}
	}
	return false
}

// frAitNoun lists nouns ending like an imparfait.
func frAitNoun(w string) bool {
	switch w {
	case "souhait", "portrait", "retrait", "extrait", "attrait", "trait", "abstrait", "bienfait", "forfait", "parfait", "plait", "methodes":
		return true
	}
	return false
}

// frSkippable are the words between an auxiliary and its participle.
func frSkippable(w string) bool {
	switch w {
	case "ne", "n", "pas", "plus", "jamais", "rien", "deja", "aussi", "egalement", "notamment", "alors",
		"encore", "enfin", "ainsi", "bien", "toujours", "tres", "meme", "pourtant", "donc", "finalement",
		"recemment", "longtemps", "souvent", "ete", "", "'", "-", "t", "il", "elle", "ils", "elles", "on":
		return true
	}
	return false
}

// frParticipleAfter looks for a past participle after an auxiliary and
// returns its weight: 1 for a reporting verb, 2 otherwise.
func frParticipleAfter(text string, toks []token, k int) (int, bool) {
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		t := toks[k]
		if t.kind == tWord && t.s == "ete" {
			// "a été", "aurait été": the participle may follow.
			if n2, ok := frParticipleAfter(text, toks, k+1); ok {
				return n2, true
			}
			return 2, true
		}
		if t.kind == tPunct && t.s != "'" && t.s != "-" {
			return 0, false
		}
		if t.kind == tWord && frSkippable(t.s) {
			continue
		}
		if t.kind != tWord {
			return 0, false
		}
		raw := text[t.start:t.end]
		if !frParticiple(raw, t.s) {
			return 0, false
		}
		switch t.s {
		case "declare", "indique", "affirme", "annonce", "ajoute", "precise", "souligne", "explique",
			"estime", "dit", "assure", "rapporte", "confirme", "rappele", "signale", "fait":
			return 1, true
		}
		return 2, true
	}
	return 0, false
}

func frParticiple(raw, w string) bool {
	for _, end := range []string{"é", "ée", "és", "ées"} {
		if strings.HasSuffix(raw, end) {
			return true
		}
	}
	switch w {
	case "ici", "ainsi", "aussi", "parmi", "lui", "qui", "celui", "oui", "si", "ni", "mi", "du", "un", "plus", "sous", "tous", "nous", "vous", "jus", "depuis", "puis", "pris":
		return w == "pris"
	}
	if len(w) < 2 {
		return false
	}
	for _, end := range []string{"i", "is", "it", "ite", "its", "u", "us", "ue", "ues", "ie", "ies", "ert", "erte", "eint", "aint", "oint", "ort", "ait"} {
		if strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// frInfinitiveAfter reports an infinitive after "va", "doit", skipping
// clitics: "va se rendre", "doit lui remettre".
func frInfinitiveAfter(toks []token, k int) bool {
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		w := tword(toks, k)
		switch w {
		case "se", "s", "lui", "leur", "y", "en", "le", "la", "les", "l", "me", "m", "nous", "vous", "ne", "pas", "bientot", "encore", "aussi", "egalement":
			continue
		case "":
			if toks[k].kind == tPunct && toks[k].s == "'" {
				continue
			}
			return false
		}
		return len(w) > 3 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ir") || strings.HasSuffix(w, "re") || strings.HasSuffix(w, "oir"))
	}
	return false
}

func englishTense(toks []token) (fut, past int) {
	for k, t := range toks {
		if t.kind != tWord {
			continue
		}
		w := t.s
		next := tword(toks, k+1)
		switch w {
		case "will":
			switch tword(toks, k-1) {
			case "the", "a", "his", "her", "its", "their", "our", "political", "good", "free":
				continue
			}
			fut += 2
			continue
		case "shall", "tomorrow", "next", "upcoming", "later":
			fut += 2
			continue
		case "ll":
			if k > 0 && toks[k-1].s == "'" {
				fut += 2
			}
			continue
		case "won":
			if next == "" && k+2 < len(toks) && toks[k+1].s == "'" && tword(toks, k+2) == "t" {
				fut += 2
				continue
			}
		case "is", "are", "am", "was", "were":
			if next == "to" {
				fut += 2
				continue
			}
			if enToVerb(next) && tword(toks, k+2) == "to" {
				continue // counted at the verb
			}
			if w == "was" || w == "were" {
				past += 2
			}
			continue
		case "yesterday", "last", "ago", "did", "had", "earlier":
			past += 2
			continue
		case "said", "told", "added", "stated", "announced", "declared", "reported", "confirmed":
			past++
			continue
		}
		if enToVerb(w) && next == "to" {
			fut += 2
			continue
		}
		if properNoun(toks, k) {
			continue
		}
		if enIrregularPast(w) || (len(w) >= 4 && strings.HasSuffix(w, "ed") && !enEdWord(w)) {
			past += 2
		}
	}
	return fut, past
}

// enToVerb lists words that announce the future before "to".
func enToVerb(w string) bool {
	switch w {
	case "expected", "scheduled", "planned", "plans", "plan", "planning", "set", "due", "slated", "going",
		"intends", "intend", "intended", "aims", "poised", "preparing", "supposed", "hopes":
		return true
	}
	return false
}

// enEdWord lists words ending in "-ed" that are no past tense.
func enEdWord(w string) bool {
	switch w {
	case "need", "needs", "speed", "seed", "feed", "bed", "red", "shed", "breed", "creed", "greed",
		"hundred", "indeed", "proceed", "exceed", "succeed", "based", "united", "limited", "armed",
		"alleged", "related", "concerned", "detailed", "advanced", "interested", "sacred", "wicked",
		"naked", "ragged", "rugged", "aged", "beloved", "learned", "embed", "weed", "deed", "reed":
		return true
	}
	return false
}

func enIrregularPast(w string) bool {
	switch w {
	case "met", "went", "came", "took", "gave", "made", "held", "left", "saw", "began", "sent", "spoke",
		"fled", "fought", "struck", "lost", "led", "brought", "thought", "found", "kept", "paid",
		"stood", "wrote", "became", "rose", "fell", "shot", "ran", "sat", "sought", "built",
		"caught", "drew", "flew", "grew", "knew", "threw", "broke", "chose", "drove", "forgot",
		"froze", "hid", "meant", "rang", "sank", "sold", "spent", "stole", "swore", "taught",
		"understood", "woke", "withdrew", "overthrew", "arose", "bore", "dealt", "felt", "heard",
		"launched", "slept", "won", "blew", "tore", "bought":
		return true
	}
	return false
}
