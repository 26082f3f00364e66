package pipeline

import "testing"

// TestSpanish codes Spanish sentences through data and the model alone
// (no Spanish Go code): actors come from
// roles/es.tsv, Spanish country names and demonyms, events from the
// lexicons es.txt and es-petrarch.txt read over the parse. The sentences
// are ours, about made-up events.
func TestSpanish(t *testing.T) {
	p := loadPipeline(t)
	tests := []eventCase{
		{"El presidente de Paraguay se reunió con su homólogo uruguayo en Asunción.", "PRYGOV", "04", "URYGOV", "asserted"},
		{"La policía peruana detuvo a tres manifestantes bolivianos en Puno.", "PERCOP", "17", "BOLCVL", "asserted"},
		{"Argentina expulsó a dos diplomáticos venezolanos.", "ARG", "16", "VENGOV", "asserted"},
		{"Uruguay expulsó a dos traficantes brasileños.", "URY", "17", "BRA", "asserted"},
		{"El ministro de Asuntos Exteriores de Marruecos visitó Argelia el martes.", "MARGOV", "04", "DZA", "asserted"},
		{"Colombia acusó a Venezuela de proteger a los rebeldes.", "COL", "11", "VEN", "asserted"},
		{"Ecuador firmó un acuerdo comercial con Perú.", "ECU", "05", "PER", "asserted"},
		{"El ejército israelí bombardeó el sur del Líbano.", "ISRMIL", "19", "LBN", "asserted"},
		{"Honduras rompió relaciones diplomáticas con Taiwán.", "HND", "16", "TWN", "asserted"},
		{"El gobierno chileno condenó a Bolivia por el cierre de la frontera.", "CHLGOV", "11", "BOL", "asserted"},
		{"Brasil no firmó el acuerdo con Paraguay.", "BRA", "05", "PRY", "negated"},
		{"Nicaragua elogió a China por su apoyo.", "NIC", "05", "CHN", "asserted"},
		// Irregular preterites ("impuso", "propuso") reach the lexicon.
		{"Canadá impuso sanciones a Eritrea.", "CAN", "16", "ERI", "asserted"},
		{"Francia propuso una cumbre a Argelia.", "FRA", "03", "DZA", "asserted"},
		// A dropped subject is the actor of the sentence before; "volver a"
		// does the act again.
		{"El Gobierno de Somalia recibió al embajador de Kenia. Además, ha vuelto a criticar el apoyo de Etiopía a los rebeldes.", "SOMGOV", "11", "ETH", "asserted"},
		// A country name the tagger read as a verb is a name.
		{"Nicaragua también expulsó a dos diplomáticos austriacos.", "NIC", "16", "AUTGOV", "asserted"},
		// Coordinated subjects of a joint act with no other party.
		{"Paraguay y Bolivia firmaron un tratado de límites en Asunción.", "PRY", "05", "BOL", "asserted"},
		// "EE. UU." does not end a sentence.
		{"El gobierno de EE. UU. criticó a Cuba por las detenciones.", "USAGOV", "11", "CUB", "asserted"},
		// An act named again stands for who did it.
		{"Marruecos expulsó a dos periodistas argelinos. Argelia condenó la expulsión.", "DZA", "11", "MAR", "asserted"},
	}
	checkEvents(t, p, "es", tests, nil)
	// Everyday verbs the translated dictionary gave a code are no event.
	checkEvents(t, p, "es", nil, []string{
		"El presidente de Chile tiene una casa en Argentina.",
		"El gobierno peruano considera a Ecuador un socio.",
	})
}
