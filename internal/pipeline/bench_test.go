package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"entente"
)

// benchText is a French wire story written for this benchmark (about 20
// sentences), coded again and again.
const benchText = `Le ministre russe des Affaires étrangères s'est entretenu mardi à Moscou avec son homologue iranien, selon l'agence Tass.
Les deux hommes ont discuté de la situation en Syrie et de la coopération économique entre les deux pays.
Le président ukrainien a condamné les frappes russes sur Kharkiv, qui ont tué au moins cinq civils.
L'armée israélienne a frappé des positions du Hezbollah dans le sud du Liban, a rapporté l'agence Reuters.
Le Hezbollah a promis une riposte contre Israël.
La France a convoqué l'ambassadeur d'Algérie après des propos jugés inacceptables.
Le Qatar a accueilli lundi une délégation américaine pour des pourparlers sur Gaza.
Selon l'ONU, l'aide humanitaire n'a pas pu entrer dans la bande de Gaza cette semaine.
La police kényane a tiré des gaz lacrymogènes pour disperser des manifestants à Nairobi.
Des manifestants ont été arrêtés samedi dans la capitale.
Le Niger a rompu ses relations diplomatiques avec l'Ukraine.
L'Union européenne a imposé de nouvelles sanctions à la Russie.
Le président turc se rendra la semaine prochaine en Arabie saoudite.
Le chef de la diplomatie chinoise a averti les Philippines.
Les rebelles du M23 ont lancé une offensive contre l'armée congolaise près de Goma.
Le Premier ministre indien a rencontré le président américain à Washington.
L'Iran a accusé Israël d'avoir mené l'attaque.
Le Maroc a signé un accord de pêche avec la Mauritanie.
Le Japon a promis une aide de dix millions de dollars aux Philippines.
La Chine et la Russie ont mené des exercices militaires conjoints.
`

// BenchmarkCode measures coding speed on plain text: segmentation,
// mentions, actors, events, dates and places. Sentences per second is
// reported as sent/s.
func BenchmarkCode(b *testing.B) {
	p := loadPipeline(b)
	text := strings.Repeat(benchText, 5)
	probe := &entente.Document{ID: "bench", Text: text, Lang: "fr"}
	if err := p.Code(b.Context(), probe); err != nil {
		b.Fatal(err)
	}
	sentences := len(probe.Sentences)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		doc := &entente.Document{ID: "bench", Text: text, Lang: "fr"}
		if err := p.Code(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sent/s")
	// On a shared machine wall time counts the waits for a core; CPU
	// time counts the work.
	b.ReportMetric(float64(sentences*b.N)/(cpuTime()-cpu0).Seconds(), "sent/cpu-s")
}

// BenchmarkCodeNews measures coding speed on real news: the French and
// English documents of ../shared/eval's realnews.dev and realnews2.dev
// files, read where they lie (it skips when they are absent). Unlike
// benchText, most of their sentences hold no event and are not parsed.
func BenchmarkCodeNews(b *testing.B) {
	var docs []entente.Document
	for _, name := range []string{"realnews.dev.jsonl", "realnews2.dev.jsonl"} {
		data, err := os.ReadFile(filepath.Join(shared, "eval", name))
		if err != nil {
			b.Skipf("no news to code: %v", err)
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var rec struct{ ID, Lang, Text string }
			if json.Unmarshal(line, &rec) != nil || rec.Lang != "fr" && rec.Lang != "en" {
				continue
			}
			docs = append(docs, entente.Document{ID: rec.ID, Text: rec.Text, Lang: rec.Lang})
		}
	}
	p := loadPipeline(b)
	sentences := 0
	for _, d := range docs {
		if err := p.Code(b.Context(), &d); err != nil {
			b.Fatal(err)
		}
		sentences += len(d.Sentences)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			if err := p.Code(b.Context(), &d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sent/s")
	b.ReportMetric(float64(sentences*b.N)/(cpuTime()-cpu0).Seconds(), "sent/cpu-s")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad measures loading every knowledge file and building the
// gazetteers and pattern index.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Knowledge("")); err != nil {
			b.Fatal(err)
		}
	}
}

// longText is a document of at least size bytes: sentences written for
// this benchmark, each made different by its numbers, with actors, places
// and dates in every one, so that grounding has places to look at all
// along the document.
func longText(size int) string {
	forms := []string{
		"Le %d mars, le ministre russe a rencontré à Moscou son homologue iranien pour la %de réunion de l'année.\n",
		"La police kényane a dispersé %d manifestants à Nairobi, selon un bilan publié %d heures plus tard.\n",
		"Le président turc a reçu à Ankara une délégation de %d diplomates qataris venus pour %d jours.\n",
		"L'armée israélienne a frappé %d positions du Hezbollah près de Tyr, a rapporté l'agence Reuters à %d heures.\n",
		"Le Japon a promis une aide de %d millions de dollars aux Philippines pour %d villages de Luçon.\n",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, forms[i%len(forms)], 1+i%28, i)
	}
	return b.String()
}

// BenchmarkCodeLong codes one long document: the cost of coding must grow
// with the length of the text, not with its square.
func BenchmarkCodeLong(b *testing.B) {
	p := loadPipeline(b)
	for _, size := range []int{1 << 20, 8 << 20} {
		text := longText(size)
		b.Run(fmt.Sprintf("%dMB", size>>20), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				doc := &entente.Document{ID: "long", Text: text, Lang: "fr"}
				if err := p.Code(b.Context(), doc); err != nil {
					b.Fatal(err)
				}
				if len(doc.Events) == 0 {
					b.Fatal("no events")
				}
			}
		})
	}
}
