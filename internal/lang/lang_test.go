package lang

import (
	"testing"

	"entente/data"
	"entente/internal/kb"
)

func TestDetect(t *testing.T) {
	k, err := kb.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	letters := map[string][]string{}
	for l, classes := range k.Words {
		for w := range classes["letters"] {
			letters[l] = append(letters[l], w)
		}
	}
	d := New(k.Stopwords, letters)
	tests := []struct{ text, want string }{
		{"La présidente mexicaine a reçu jeudi le chef de la diplomatie canadienne à Mexico.", "fr"},
		{"The Iranian president received the Russian Security Council secretary in Tehran on Tuesday.", "en"},
		{"El presidente de Francia se reunió con el canciller de Alemania en la ciudad de Berlín para hablar de la guerra.", "es"},
		// Short Spanish sentences with words French ("tres") or Portuguese
		// ("dos") list too.
		{"La policía peruana detuvo ayer a tres manifestantes bolivianos cuando marchaban en Puno.", "es"},
		{"Argentina expulsó a dos diplomáticos venezolanos del país.", "es"},
		// As many French as Spanish function words ("a", "de", "la", "en"):
		// the tie goes to the language with words of its own ("los").
		{"Chile acusa a Bolivia de cerrar la frontera en los Andes.", "es"},
		{"La policía detiene a diez personas en Quito.", "es"},
		{"Le ministre est très inquiet de la situation dans le nord du pays, a-t-il dit.", "fr"},
		{"Der russische Außenminister kommt am Freitag nach Berlin, wo er mit seinem deutschen Kollegen spricht.", "de"},
		// Short German sentences, now that German is coded.
		{"Die Polizei nahm drei Aktivisten in Minsk fest.", "de"},
		{"Russland griff die Ukraine in der Nacht an.", "de"},
		{"Estland hat zwei russische Diplomaten ausgewiesen.", "de"},
		{"Il governo cileno ha annunciato nuove misure economiche per il paese.", "it"},
		{"Президент России провёл переговоры с президентом Ирана в Москве.", "ru"},
		// Ukrainian and Serbian by the letters Russian does not write.
		{"Президент України провів переговори з прем'єр-міністром Польщі у Києві.", "uk"},
		{"Министар спољних послова Србије састао се са колегом из Мађарске.", "sr"},
		{"Глава МИД Белоруссии встретился с коллегой из Венгрии в Минске.", "ru"},
		{"التقى الرئيس الإيراني بأمين مجلس الأمن الروسي في طهران", "ar"},
		// Persian: its own letters (گ پ چ ژ, and ی ک), or, typed with
		// Arabic yeh and kaf, its function words.
		{"رئیس‌جمهور ایران با دبیر شورای امنیت روسیه در تهران دیدار کرد.", "fa"},
		{"وزیر خارجه عراق روز سه‌شنبه به تهران سفر کرد و با همتای خود گفت‌وگو کرد.", "fa"},
		{"وزير خارجه ايران امروز در بغداد با نخست وزير عراق ديدار كرد و افزود كه روابط دو كشور خوب است.", "fa"},
		// Arabic naming a Persian place or person stays Arabic.
		{"قال المتحدث باسم وزارة الخارجية إن الوزير سيلتقي نظيره الإيراني في طهران يوم الأحد المقبل لبحث العلاقات", "ar"},
		// Urdu, Pashto and Sorani Kurdish share Persian's letters but write
		// letters of their own: not coded, so not taken for Persian.
		{"پاکستان کے وزیر خارجہ نے منگل کو اسلام آباد میں چین کے سفیر سے ملاقات کی۔", "ur"},
		{"د افغانستان د بهرنیو چارو وزیر نن د کابل په ښار کې د ایران له سفیر سره ولید.", "ps"},
		{"وەزیری دەرەوەی عێراق لە هەولێر لەگەڵ باڵیۆزی ئێران کۆبووەوە.", "ckb"},
		// A headline with one function word that only one language has.
		{"Kosovo Force (KFOR) troops fired rubber bullets at Serb demonstrators near Leposavic.", "en"},
		// Names and numbers only: no language to tell.
		{"Ankara, Baku, Tbilisi, 2026.", ""},
	}
	for _, tt := range tests {
		if got := d.Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.40q…) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
