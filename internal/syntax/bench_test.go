package syntax

import (
	"os"
	"syscall"
	"testing"
	"time"

	"entente/data"
)

// BenchmarkAnalyze tags, lemmatizes and parses the sentences of a UD test
// file with the embedded model; it reports sentences per second.
func BenchmarkAnalyze(b *testing.B) {
	for _, bb := range []struct{ lang, file string }{
		{"fr", "../../../shared/ud/UD_French-GSD/fr_gsd-ud-test.conllu"},
		{"en", "../../../shared/ud/UD_English-EWT/en_ewt-ud-test.conllu"},
	} {
		b.Run(bb.lang, func(b *testing.B) {
			if _, err := os.Stat(bb.file); err != nil {
				b.Skip(err)
			}
			m, err := New(data.FS).Model(bb.lang)
			if err != nil || m == nil {
				b.Skipf("no model for %s: %v", bb.lang, err)
			}
			sents, _, err := ReadTreebank(bb.file)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				m.Analyze(sents[i%len(sents)].Forms)
			}
			// On a shared machine wall time counts the waits for a core;
			// CPU time counts the work.
			b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "sentences/cpu-s")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
