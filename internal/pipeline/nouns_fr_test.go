package pipeline

import "testing"

// TestFrenchEventNouns: an event noun takes its source from the agent of
// a participle that qualifies it ("lancée par X", "imposées par X") and,
// for a noun of the agentnoun class (words.tsv), from its "de" ("la
// médiation du Qatar", "l'offensive des rebelles contre …"); its target
// from "contre", "sur", "à", also among the participle's complements. An
// event noun only considered is no event. Our own sentences.
func TestFrenchEventNouns(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"L'offensive lancée par l'armée éthiopienne contre les rebelles du Tigré a fait des dizaines de morts.", "ETHMIL", "19", "ETHREB", ""},
		{"Les sanctions imposées par l'Union européenne à la Biélorussie visent le secteur de la potasse.", "EUIGO", "16", "BLR", ""},
		{"L'offensive des rebelles du M23 contre l'armée congolaise se poursuit.", "CODREB", "19", "CODMIL", ""},
		{"Les raids de l'aviation russe contre des villages syriens ont repris.", "RUSMIL", "19", "SYR", ""},
		{"Les sanctions de Washington contre Caracas ont été renforcées.", "USA", "16", "VEN", ""},
		{"La médiation du Qatar entre l'Éthiopie et l'Érythrée a abouti.", "QAT", "04", "ETH", ""},
	}, []string{
		"L'Union européenne envisage des sanctions contre la Biélorussie.",
		"Le Parlement kényan a débattu de l'offensive.",
	})
}

// TestFrenchObjectClitics: an object clitic ("l'", "les"), which the
// parse tags the object of a trigger (or the determiner of its verb),
// stands for the last actor named before it, in its sentence or the one
// before, other than the source; "les" for a list or a plural role noun.
// Our own sentences.
func TestFrenchObjectClitics(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"La Russie a convoqué mardi l'ambassadeur britannique. Moscou l'accuse d'espionnage.", "RUS", "11", "GBRGOV", ""},
		{"Le Premier ministre éthiopien a reçu le président kényan. Il l'a remercié pour son soutien.", "ETHGOV", "05", "KENGOV", ""},
		{"Le Mali a expulsé deux diplomates algériens et les a accusés d'ingérence.", "MLI", "11", "DZAGOV", ""},
	}, []string{
		"Le ministre tchadien les a critiqués sans détour.",
	})
}

// TestFrenchOpeningParticiple: a past participle that opens a sentence
// before a comma has the main clause's subject as its own: its doer for a
// verb of the unaccusative class (words.tsv), else its passive subject,
// with the agent ("par X") as the source. Our own sentences.
func TestFrenchOpeningParticiple(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"Arrivé lundi à Rabat, le ministre espagnol des Affaires étrangères a rencontré son homologue marocain.", "ESPGOV", "04", "MAR", ""},
		{"Critiqué par Washington, le gouvernement nicaraguayen a expulsé l'ambassadeur américain.", "USA", "11", "NICGOV", ""},
		{"Reçu mardi par le président sénégalais, le Premier ministre malien a plaidé pour la levée des sanctions.", "SENGOV", "04", "MLIGOV", ""},
	}, []string{
		"Accusé de soutenir les rebelles, le Rwanda a démenti toute implication.",
	})
}

// TestFrenchDefinedAcronym: an organisation the knowledge base does not
// know, defined by its initials in brackets after a name whose first word
// is of the orgname class (words.tsv), is an actor of the story's country,
// and its initials name it again. Our own sentences.
func TestFrenchDefinedAcronym(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"NIAMEY, 4 juin 2024 (AFP) - Le Front patriotique de libération (FPL) a revendiqué une attaque dans le sud. Le FPL a enlevé mardi trois soldats béninois.", "NER", "18", "BENMIL", ""},
	}, []string{
		"La Zone de libre-échange continentale africaine (ZLECAf) est entrée en vigueur. La ZLECAf a critiqué le Nigeria.",
	})
}

// TestFrenchFuture: a trigger in the simple future ("enverra", "recevra",
// "conclura": words.tsv future-ending) tells an act to come, coded as its
// intention. Our own sentences.
func TestFrenchFuture(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"La France enverra des instructeurs militaires au Tchad.", "FRA", "03", "TCDMIL", "intended"},
		{"Le Maroc recevra le président mauritanien la semaine prochaine.", "MAR", "03", "MRTGOV", "intended"},
		{"L'Egypte conclura un accord de défense avec le Soudan.", "EGY", "03", "SDN", "intended"},
	}, nil)
}

// TestFrenchJointSigning: coordinated subjects that sign an agreement
// sign it with each other (words.tsv mutualroot 057), however far the
// parse puts them from the verb. Our own sentences.
func TestFrenchJointSigning(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"Le Niger et le Tchad, voisins du lac, ont signé mardi un accord de défense.", "NER", "05", "TCD", ""},
	}, []string{
		"La France et l'Allemagne ont salué l'accord.",
	})
}

// TestFrenchBackReference: "ces accusations", "les critiques" (words.tsv
// backref after a demonstrative or definite determiner) stand for who
// made the accusation told before against the one who answers. Our own
// sentences.
func TestFrenchBackReference(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"Le Burundi accuse le Rwanda d'armer des rebelles. Kigali a rejeté ces accusations.", "RWA", "01", "BDI", ""},
	}, []string{
		"Kigali a rejeté ces accusations.",
	})
}

// TestFrenchTextSubject: "le texte", "la déclaration" (words.tsv textref)
// as a subject speak for the actor the sentence before names first. Our
// own sentences.
func TestFrenchTextSubject(t *testing.T) {
	p := loadPipeline(t)
	checkEvents(t, p, "fr", []eventCase{
		{"Le Conseil de sécurité a adopté jeudi une résolution sur l'est de la RDC. Le texte condamne le Rwanda.", "UNIGO", "11", "RWA", ""},
		{"Les ministres de la CEDEAO ont publié un communiqué. La déclaration appelle le Niger à libérer le président Bazoum.", "ECOWASIGO", "02", "NER", ""},
	}, []string{
		"Un texte condamne le Rwanda.",
	})
}
