// Command entente-train-syntax trains the part-of-speech, lemma and
// dependency models of internal/syntax from the Universal Dependencies
// treebanks in ../shared/ud, prints their scores on each test file and
// writes them to data/syntax/LANG.bin.
//
//	nice -n 10 go run ./cmd/entente-train-syntax [-ud ../shared/ud] [-out data/syntax] [-lang fr,en,es,ru,de,ar,fa]
//
// Training is deterministic: the same treebanks and flags give the same
// model bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entente/internal/syntax"
)

// corpus names the treebank files a language's model learns from and is
// tested on, relative to the UD folder.
type corpus struct {
	train, test []string
	// holdOut > 0 keeps every holdOut-th sentence of the training files
	// out of training and scores the model on them ("held-out"): for a
	// language whose only treebank is one test file.
	holdOut int
}

var corpora = map[string]corpus{
	"fr": {
		train: []string{
			"UD_French-Sequoia/fr_sequoia-ud-train.conllu",
			"UD_French-Sequoia/fr_sequoia-ud-dev.conllu",
			"UD_French-Rhapsodie/fr_rhapsodie-ud-train.conllu",
			"UD_French-Rhapsodie/fr_rhapsodie-ud-dev.conllu",
			"UD_French-ParisStories/fr_parisstories-ud-train.conllu",
			"UD_French-ParisStories/fr_parisstories-ud-dev.conllu",
			"UD_French-GSD/fr_gsd-ud-dev.conllu",
		},
		test: []string{
			"UD_French-GSD/fr_gsd-ud-test.conllu",
			"UD_French-Sequoia/fr_sequoia-ud-test.conllu",
			"UD_French-Rhapsodie/fr_rhapsodie-ud-test.conllu",
			"UD_French-ParisStories/fr_parisstories-ud-test.conllu",
			"UD_French-PUD/fr_pud-ud-test.conllu",
			"UD_French-FQB/fr_fqb-ud-test.conllu",
		},
	},
	"en": {
		train: []string{
			"UD_English-EWT/en_ewt-ud-train.conllu",
			"UD_English-EWT/en_ewt-ud-dev.conllu",
		},
		test: []string{
			"UD_English-EWT/en_ewt-ud-test.conllu",
			"UD_English-PUD/en_pud-ud-test.conllu",
		},
	},
	// Spanish has no train file under ../shared/ud (AnCora's is too big
	// to have been copied): the dev files are the training data.
	"es": {
		train: []string{
			"UD_Spanish-AnCora/es_ancora-ud-dev.conllu",
			"UD_Spanish-GSD/es_gsd-ud-dev.conllu",
		},
		test: []string{
			"UD_Spanish-AnCora/es_ancora-ud-test.conllu",
			"UD_Spanish-GSD/es_gsd-ud-test.conllu",
			"UD_Spanish-PUD/es_pud-ud-test.conllu",
		},
	},
	// Russian: Taiga's train file is the UD v2.7 one (see ../shared/ud
	// README); GSD has only dev and test here. SynTagRus is non-commercial.
	"ru": {
		train: []string{
			"UD_Russian-Taiga/ru_taiga-ud-train.conllu",
			"UD_Russian-Taiga/ru_taiga-ud-dev.conllu",
			"UD_Russian-GSD/ru_gsd-ud-dev.conllu",
		},
		test: []string{
			"UD_Russian-Taiga/ru_taiga-ud-test.conllu",
			"UD_Russian-GSD/ru_gsd-ud-test.conllu",
			"UD_Russian-PUD/ru_pud-ud-test.conllu",
		},
	},
	// German has no train file under ../shared/ud either (GSD's is too
	// big to have been copied; HDT is absent): GSD dev and the PUD test
	// file (news and Wikipedia) are the training data, GSD test is held
	// out for the scores.
	"de": {
		train: []string{
			"UD_German-GSD/de_gsd-ud-dev.conllu",
			"UD_German-PUD/de_pud-ud-test.conllu",
		},
		test: []string{
			"UD_German-GSD/de_gsd-ud-test.conllu",
		},
	},
	// Arabic: PUD (1,000 sentences of news and Wikipedia) is the only
	// treebank under ../shared/ud (PADT is non-commercial, NYUAD needs
	// the LDC's text): one sentence in five is held out for the scores.
	"ar": {
		train:   []string{"UD_Arabic-PUD/ar_pud-ud-test.conllu"},
		holdOut: 5,
	},
	// Persian has no train file under ../shared/ud either (PerDT's and
	// Seraji's are too big to have been copied): the two dev files are
	// the training data, the two test files are held out for the scores.
	"fa": {
		train: []string{
			"UD_Persian-PerDT/fa_perdt-ud-dev.conllu",
			"UD_Persian-Seraji/fa_seraji-ud-dev.conllu",
		},
		test: []string{
			"UD_Persian-PerDT/fa_perdt-ud-test.conllu",
			"UD_Persian-Seraji/fa_seraji-ud-test.conllu",
		},
	},
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "entente-train-syntax:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("entente-train-syntax", flag.ContinueOnError)
	ud := fs.String("ud", "../shared/ud", "folder of the UD treebanks")
	out := fs.String("out", "data/syntax", "folder the models are written to (empty: do not write)")
	langs := fs.String("lang", "fr,en,es,ru,de,ar,fa", "comma-separated languages")
	opt := syntax.DefaultTrainOptions("")
	fs.IntVar(&opt.TagIters, "tag-iters", opt.TagIters, "tagger passes")
	fs.IntVar(&opt.ParseIters, "parse-iters", opt.ParseIters, "parser passes")
	fs.IntVar(&opt.Jackknife, "jackknife", opt.Jackknife, "folds of held-out tagging for the parser's training tags (1: gold tags)")
	fs.Float64Var(&opt.Prune, "prune", opt.Prune, "drop weights below this share of the largest")
	reprune := fs.Float64("reprune", 0, "instead of training, read the models in -in, prune weights below this share of the largest, score and write them to -out")
	in := fs.String("in", "data/syntax", "folder of the models -reprune and -score read")
	score := fs.Bool("score", false, "instead of training, score the models in -in on the test files, alone and with the verb paradigms beside them (LANG-verbs.tsv) as entente uses them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *score {
		// The analyzer reads syntax/LANG.bin and syntax/LANG-verbs.tsv.
		a := syntax.New(os.DirFS(filepath.Dir(filepath.Clean(*in))))
		for _, lang := range strings.Split(*langs, ",") {
			if err := scoreTests(a, *ud, corpora[lang], lang); err != nil {
				return fmt.Errorf("%s: %w", lang, err)
			}
		}
		return nil
	}
	for _, lang := range strings.Split(*langs, ",") {
		c, ok := corpora[lang]
		if !ok {
			return fmt.Errorf("no treebanks for language %q", lang)
		}
		o := opt
		o.Lang = lang
		o.Log = func(format string, a ...any) { fmt.Printf("%s: "+format+"\n", append([]any{lang}, a...)...) }
		if *reprune > 0 {
			if err := prune(*ud, *in, *out, c, o, *reprune); err != nil {
				return fmt.Errorf("%s: %w", lang, err)
			}
			continue
		}
		if err := train(*ud, *out, c, o); err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
	}
	return nil
}

func train(ud, out string, c corpus, opt syntax.TrainOptions) error {
	sents, held, err := trainSents(ud, c)
	if err != nil {
		return err
	}
	opt.Log("train: %d sentences, %d held out", len(sents), len(held))
	t0 := time.Now()
	m, err := syntax.Train(sents, opt)
	if err != nil {
		return err
	}
	opt.Log("trained in %s", time.Since(t0).Round(time.Second))
	return evalWrite(m, ud, out, c, opt)
}

// trainSents reads the training files of c and splits off the held-out
// sentences (every c.holdOut-th, in file order).
func trainSents(ud string, c corpus) (train, held []syntax.Sent, err error) {
	n := 0
	for _, f := range c.train {
		s, skipped, err := readTreebank(ud, f)
		if err != nil {
			return nil, nil, err
		}
		fmt.Printf("train %s: %d sentences (%d skipped: they do not project onto our tokens)\n", filepath.Base(f), len(s), skipped)
		for _, x := range s {
			if n++; c.holdOut > 0 && n%c.holdOut == 0 {
				held = append(held, x)
			} else {
				train = append(train, x)
			}
		}
	}
	return train, held, nil
}

// tests reads the test files of c, with the held-out sentences of its
// training files as one more test named "held-out".
func tests(ud string, c corpus) (names []string, sents [][]syntax.Sent, err error) {
	for _, f := range c.test {
		s, _, err := readTreebank(ud, f)
		if err != nil {
			return nil, nil, err
		}
		names, sents = append(names, filepath.Base(f)), append(sents, s)
	}
	if c.holdOut > 0 {
		_, held, err := trainSents(ud, c)
		if err != nil {
			return nil, nil, err
		}
		names, sents = append(names, fmt.Sprintf("held-out (1 in %d of %s)", c.holdOut, strings.Join(c.train, ", "))), append(sents, held)
	}
	return names, sents, nil
}

// prune reads a trained model, prunes it, scores it and writes it.
func prune(ud, in, out string, c corpus, opt syntax.TrainOptions, share float64) error {
	f, err := os.Open(filepath.Join(in, opt.Lang+".bin"))
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := syntax.ReadModel(f)
	if err != nil {
		return err
	}
	nf, nw := m.Size()
	m.Prune(share)
	mf, mw := m.Size()
	opt.Log("pruned below %g: %d → %d features, %d → %d weights", share, nf, mf, nw, mw)
	return evalWrite(m, ud, out, c, opt)
}

// scoreTests prints the scores of a language's model on its test files,
// alone and as the analyzer uses it.
func scoreTests(a *syntax.Analyzer, ud string, c corpus, lang string) error {
	m, err := a.Model(lang)
	if err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("no model")
	}
	names, sents, err := tests(ud, c)
	if err != nil {
		return err
	}
	for i, s := range sents {
		with, err := a.Evaluate(lang, s)
		if err != nil {
			return err
		}
		fmt.Printf("%s: test %s: model alone %s\n", lang, names[i], m.Evaluate(s))
		fmt.Printf("%s: test %s: with paradigms %s\n", lang, names[i], with)
	}
	return nil
}

// evalWrite scores m on the test files and writes it to out.
func evalWrite(m *syntax.Model, ud, out string, c corpus, opt syntax.TrainOptions) error {
	nf, nw := m.Size()
	opt.Log("model: %d features, %d weights", nf, nw)
	names, sents, err := tests(ud, c)
	if err != nil {
		return err
	}
	for i, s := range sents {
		t1 := time.Now()
		sc := m.Evaluate(s)
		el := time.Since(t1)
		opt.Log("test %s: %s, %.0f sentences/s", names[i], sc, float64(len(s))/el.Seconds())
	}
	if out == "" {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	path := filepath.Join(out, opt.Lang+".bin")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	opt.Log("wrote %s (%.1f MB)", path, float64(n)/1e6)
	return nil
}

// readTreebank reads a treebank file with its folder's fix, if any.
func readTreebank(ud, f string) ([]syntax.Sent, int, error) {
	s, skipped, err := syntax.ReadTreebank(filepath.Join(ud, f))
	if fix := fixes[filepath.Dir(f)]; fix != nil {
		for i := range s {
			fix(&s[i])
		}
	}
	return s, skipped, err
}
