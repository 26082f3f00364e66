package when

// The word lists of each language. They are grammar words rather than
// knowledge, so they live here as small literals; NewFinder folds and
// indexes them. Words are written accent-folded and lower-case; a phrase is
// written as text and split with the same tokenizer as the input, so
// "aujourd'hui" and "avant-hier" match however the text hyphenates them.

// lexicon is the vocabulary of one language.
type lexicon struct {
	lang langMask
	// months maps full month names and unambiguous abbreviations to 1-12;
	// abbrevs lists the abbreviations (they never stand alone), dotted those
	// that are also common words and need their dot ("sept." in French).
	months  map[string]int
	abbrevs []string
	dotted  []string
	// monthNeedsContext lists month names that are also common words
	// ("may", "march"): alone, they are months only after a preposition.
	monthNeedsContext []string
	monthContext      []string
	// bareMonthCapital requires a capital letter on a month standing alone.
	bareMonthCapital bool
	// monthFirst allows "August 5"; dayOf allows "5th of August".
	monthFirst bool
	dayOf      []string
	// first lists words that are day 1 before a month ("premier").
	first []string

	weekdays map[string]int // 0 Sunday … 6 Saturday
	numbers  map[string]int
	units    map[string]Precision
	// shiftAfter follows the word it shifts ("mardi dernier"),
	// shiftBefore precedes it ("last Tuesday"), this marks the current one.
	shiftAfter  map[string]int
	shiftBefore map[string]int
	this        []string
	articles    []string
	// dateLead is the article kept in the span of a date ("le 5 août").
	dateLead   []string
	partsOfDay []string
	// dayWords are fixed phrases at a day offset from the anchor.
	dayWords map[string]int
	// mods narrow a month or year ("début", "fin", "early", "end of").
	mods []string
	// unitMods narrow a relative period and may be followed by unitLink
	// ("fin de l'année dernière", "earlier this month").
	unitMods []string
	unitLink []string
	// agoBefore and agoAfter turn "N units" into an offset: "il y a" -1,
	// "dans" +1 before; "ago" -1 after.
	agoBefore map[string]int
	agoAfter  map[string]int
	// yearLead is kept in the span of a year ("l'année 2001").
	yearLead []string
	// yearIntro before a four-digit number makes it a year; yearBlock
	// before it makes it something else; connectors may follow a year.
	yearIntro  []string
	yearBlock  []string
	connectors []string
}

// french returns the French vocabulary.
func french() lexicon {
	return lexicon{
		lang: fr,
		months: map[string]int{
			"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
			"juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
			"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
		},
		abbrevs: []string{"janv", "fev", "fevr", "avr", "juil", "sept", "oct", "nov", "dec"},
		dotted:  []string{"sept", "dec", "fev", "nov", "oct"},
		first:   []string{"premier"},
		weekdays: map[string]int{
			"dimanche": 0, "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6,
		},
		numbers: map[string]int{
			"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
			"huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
			"quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
			"soixante": 60, "cent": 100,
		},
		units: map[string]Precision{
			"jour": Day, "jours": Day, "semaine": Week, "semaines": Week, "mois": Month,
			"an": Year, "ans": Year, "annee": Year, "annees": Year,
		},
		shiftAfter: map[string]int{
			"dernier": -1, "derniere": -1, "derniers": -1, "dernieres": -1,
			"passe": -1, "passee": -1, "passes": -1, "passees": -1,
			"prochain": 1, "prochaine": 1, "prochains": 1, "prochaines": 1,
		},
		this:       []string{"ce", "cet", "cette"},
		articles:   []string{"le", "la", "l'", "du", "de la", "de l'"},
		dateLead:   []string{"le"},
		partsOfDay: []string{"matin", "soir", "apres-midi", "midi", "nuit", "soiree", "matinee", "dans la nuit", "dans la soiree", "dans la matinee"},
		dayWords: map[string]int{
			"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "demain": 1, "apres-demain": 2,
			"ce matin": 0, "ce soir": 0, "ce midi": 0, "cet apres-midi": 0, "cette apres-midi": 0,
			"cette nuit": 0, "cette matinee": 0, "cette soiree": 0, "la nuit derniere": -1,
		},
		mods:      []string{"debut", "fin", "mi", "courant", "mi-", "au debut de", "a la fin de"},
		unitMods:  []string{"debut", "fin", "milieu", "courant"},
		unitLink:  []string{"de", "du", "d'"},
		agoBefore: map[string]int{"il y a": -1, "voici": -1, "dans": 1, "d'ici": 1},
		yearLead:  []string{"l'annee", "l'an", "annee"},
		yearIntro: []string{
			"en", "depuis", "de", "d'", "des", "entre", "et", "a", "avant", "apres", "jusqu'en", "ici",
			"pendant", "durant", "vers", "fin", "debut", "mi", "ete", "hiver", "printemps", "automne",
			"annee", "an", "exercice", "saison", "courant", "au", "pour",
		},
		yearBlock:  []string{"annees", "n", "no", "numero", "article", "resolution", "rue", "page", "route", "vol", "kilometres", "km", "metres"},
		connectors: []string{"et", "ou", "a", "au", "puis"},
	}
}

// english returns the English vocabulary.
func english() lexicon {
	return lexicon{
		lang: en,
		months: map[string]int{
			"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
			"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
			"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
			"oct": 10, "nov": 11, "dec": 12,
		},
		abbrevs:           []string{"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"},
		monthNeedsContext: []string{"may", "march", "august"},
		monthContext: []string{
			"in", "since", "until", "till", "by", "during", "of", "from", "through", "before", "after",
			"to", "early", "late", "mid", "last", "next", "this", "end", "beginning", "start", "middle",
		},
		bareMonthCapital: true,
		monthFirst:       true,
		dayOf:            []string{"of"},
		weekdays: map[string]int{
			"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
		},
		numbers: map[string]int{
			"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
			"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
			"fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40,
			"fifty": 50, "sixty": 60, "hundred": 100,
		},
		units: map[string]Precision{
			"day": Day, "days": Day, "week": Week, "weeks": Week, "month": Month, "months": Month,
			"year": Year, "years": Year,
		},
		shiftBefore: map[string]int{"last": -1, "next": 1},
		this:        []string{"this"},
		articles:    []string{"the"},
		dateLead:    []string{"the"},
		partsOfDay:  []string{"morning", "afternoon", "evening", "night"},
		dayWords: map[string]int{
			"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
			"this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
			"the day before yesterday": -2, "the day after tomorrow": 2,
		},
		mods:      []string{"early", "late", "mid", "mid-", "end of", "the end of", "beginning of", "the beginning of", "start of", "the start of", "middle of", "the middle of"},
		unitMods:  []string{"early", "late", "earlier", "later", "mid", "end of", "beginning of", "start of", "middle of"},
		agoBefore: map[string]int{"in": 1},
		agoAfter:  map[string]int{"ago": -1, "from now": 1},
		yearLead:  []string{"the year"},
		yearIntro: []string{
			"in", "since", "of", "between", "and", "to", "before", "after", "until", "by", "during",
			"from", "early", "late", "mid", "around", "summer", "winter", "spring", "autumn", "fall", "year",
		},
		yearBlock:  []string{"no", "number", "article", "resolution", "page", "route", "flight", "vol", "km", "kilometres", "kilometers", "miles"},
		connectors: []string{"and", "or", "to"},
	}
}
