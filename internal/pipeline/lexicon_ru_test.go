package pipeline

import "testing"

// TestRussian codes Russian sentences through data and the model alone
// (no Russian Go code): actors come from roles/ru.tsv, Russian country
// names and demonyms in any case ("Болгарии", "российских"), events from
// lexicon/ru.txt read over the parse. The sentences are ours, about
// made-up events.
func TestRussian(t *testing.T) {
	p := loadPipeline(t)
	tests := []eventCase{
		{"Президент Армении встретился в Ереване с премьер-министром Грузии.", "ARMGOV", "04", "GEOGOV", "asserted"},
		{"Министр иностранных дел Венгрии провел переговоры с главой МИД Сербии.", "HUNGOV", "04", "SRBGOV", "asserted"},
		{"Полиция Казахстана задержала трех активистов из Киргизии.", "KAZCOP", "17", "KGZCVL", "asserted"},
		{"Румыния выслала двух российских дипломатов.", "ROU", "16", "RUSGOV", "asserted"},
		{"Молдавия выслала из страны двух граждан Турции.", "MDA", "17", "TURCVL", "asserted"},
		{"Болгария обвинила Северную Македонию во вмешательстве.", "BGR", "11", "MKD", "asserted"},
		{"Армия Израиля нанесла удары по Сирии.", "ISRMIL", "19", "SYR", "asserted"},
		{"Япония ввела санкции против КНДР.", "JPN", "16", "PRK", "asserted"},
		{"Литва осудила Белоруссию за задержание журналистов.", "LTU", "11", "BLR", "asserted"},
		{"Казахстан подписал соглашение с Узбекистаном.", "KAZ", "05", "UZB", "asserted"},
		{"Министр обороны Эстонии посетил Финляндию.", "ESTMIL", "04", "FIN", "asserted"},
		{"Чехия вызвала венгерского посла.", "CZE", "11", "HUNGOV", "asserted"},
		{"Азербайджан не подписал соглашение с Арменией.", "AZE", "05", "ARM", "negated"},
		// A perfective verb's non-past form is its future; an imperfective one's its present.
		{"Министр иностранных дел Венгрии посетит Сербию в пятницу.", "HUNGOV", "03", "SRB", "intended"},
		{"Литва обвиняет Белоруссию во вмешательстве.", "LTU", "11", "BLR", "asserted"},
		// The third person plural with no subject says "they" of the
		// authorities: the body the act took place in, or, for an arrest,
		// those of the arrested side's country; a role noun in a plural
		// case form ("активистов") names many.
		{"В правительстве Финляндии осудили заявление Москвы.", "FINGOV", "11", "RUS", "asserted"},
		// Relations broken, told through the noun.
		{"Молдавия объявила о разрыве отношений с Никарагуа.", "MDA", "16", "NIC", "asserted"},
		{"Во вторник в Тбилиси задержали двух активистов оппозиции.", "GEOGOV", "17", "GEOCVL", "asserted"},
		{"В Минске были задержаны десятки участников акции протеста.", "BLRGOV", "17", "BLRCVL", "asserted"},
		{"Полиция задержала в Тбилиси двух активистов оппозиции.", "GEOCOP", "17", "GEOCVL", "asserted"},
	}
	checkEvents(t, p, "ru", tests, nil)
	// Everyday verbs and senses that are no event.
	checkEvents(t, p, "ru", nil, []string{
		"Президент Армении взял слово на форуме в Грузии.",
		"Премьер-министр Польши подписал указ о помощи Украине.",
		"Власти Латвии задержали рейс из Израиля из-за погоды.",
		"Министр финансов Литвы живет в Польше.",
	})
}
