// Command entente-synth builds a synthetic event store for benchmarks:
//
//	go run ./cmd/entente-synth --db /tmp/big.db --events 1000000 --seed 1
//	go run ./cmd/entente-synth --db postgres://me@localhost/big --events 1000000 --seed 1
//
// The events look like coded news: countries from data/countries.tsv
// drawn with a skewed (Zipf) distribution, so that a few dyads hold many
// events; real CAMEO codes from data/cameo.tsv, also skewed; sectors,
// some named people with knowledge-base-style ids, places from
// data/places.tsv in the target's country; dates over three years.
// Documents are short synthetic texts in English or French from a few
// hundred publishers, each reporting about four events, and each event is
// reported about twice. The store is written as ingest writes it (a
// SQLite file through the store's Load: IngestBatch's statements, the
// rollups filled from the events at the end), so it holds exactly what
// ingest would; or a PostgreSQL database (an empty one) when --db is a
// postgres:// URL, through IngestBatch, --workers transactions at once.
// Ctrl-C stops it with what it has written indexed and counted.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"entente"
	"entente/data"
	"entente/internal/cpu"
	"entente/internal/store/postgres"
	"entente/internal/store/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "entente-synth:", err)
		}
		os.Exit(1)
	}
}

// config is what the flags decide.
type config struct {
	db      string
	events  int
	seed    uint64
	batch   int // documents per transaction
	workers int // PostgreSQL: transactions at once
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	flags := flag.NewFlagSet("entente-synth", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var cfg config
	flags.StringVar(&cfg.db, "db", "", "SQLite database `file` to create (must not exist), or a postgres:// URL of an empty database")
	flags.IntVar(&cfg.events, "events", 100000, "number of distinct events")
	flags.Uint64Var(&cfg.seed, "seed", 1, "random seed")
	flags.IntVar(&cfg.batch, "batch", 0, "documents per transaction (default 5000 for SQLite, 500 for PostgreSQL, whose\nadvisory locks of one transaction must fit its lock table)")
	flags.IntVar(&cfg.workers, "workers", 2, "PostgreSQL: transactions at once")
	profile := flags.String("cpuprofile", "", "write a CPU profile to `file`")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if cfg.batch == 0 {
		// A PostgreSQL ingest locks each event identity of its batch: a
		// default server's lock table (64 a connection) holds 500
		// documents' worth, not 5000.
		cfg.batch = 5000
		if postgres.IsURL(cfg.db) {
			cfg.batch = 500
		}
	}
	if cfg.db == "" || cfg.events <= 0 || cfg.batch <= 0 || cfg.workers <= 0 {
		flags.Usage()
		return flag.ErrHelp
	}
	if postgres.IsURL(cfg.db) {
		// checked by buildPostgres: the database must hold no document
	} else if _, err := os.Stat(cfg.db); err == nil {
		return fmt.Errorf("%s exists; give a new file", cfg.db)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return build(ctx, cfg, stderr)
}

// world is what events are drawn from.
type world struct {
	country   func() int // Zipf draws of an index into countries, codes, people, sites
	code      func() int
	person    func() int
	site      func() int
	names     map[string]string // CAMEO code → name
	countries []country
	codes     []cameo
	places    map[string][]entente.Place // by country
	people    []entente.Actor
	sites     []string
}

type country struct{ iso3, en, fr string }

type cameo struct {
	code, root, name, plover string
	goldstein                float64
	quad                     int
}

// readTSV calls row with the columns of every data line of a knowledge
// file, by header name.
func readTSV(fsys fs.FS, path string, row func(col func(string) string) error) error {
	f, err := fsys.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if header == nil {
			header = map[string]int{}
			for i, h := range fields {
				header[h] = i
			}
			continue
		}
		col := func(name string) string {
			if i, ok := header[name]; ok && i < len(fields) {
				return fields[i]
			}
			return ""
		}
		if err := row(col); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	return sc.Err()
}

func loadWorld(r *rand.Rand) (*world, error) {
	w := &world{places: map[string][]entente.Place{}, names: map[string]string{}}
	err := readTSV(data.FS, "countries.tsv", func(col func(string) string) error {
		w.countries = append(w.countries, country{col("iso3"), col("en"), col("fr")})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(data.FS, "cameo.tsv", func(col func(string) string) error {
		code := col("code")
		if len(code) < 3 {
			return nil // a root is not an event code
		}
		g, err := strconv.ParseFloat(col("goldstein"), 64)
		if err != nil {
			return err
		}
		q, err := strconv.Atoi(col("quad"))
		if err != nil {
			return err
		}
		w.names[code] = col("name")
		w.codes = append(w.codes, cameo{code: code, root: code[:2], name: col("name"), plover: col("plover"), goldstein: g, quad: q})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV(data.FS, "places.tsv", func(col func(string) string) error {
		lat, err1 := strconv.ParseFloat(col("lat"), 64)
		lon, err2 := strconv.ParseFloat(col("lon"), 64)
		id, err3 := strconv.Atoi(col("geonames_id"))
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		c := col("country")
		w.places[c] = append(w.places[c], entente.Place{Name: col("en"), Country: c, Lat: lat, Lon: lon, GeonamesID: id})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(w.countries) == 0 || len(w.codes) == 0 {
		return nil, errors.New("knowledge files hold no countries or no codes")
	}
	// Shuffle, so that the Zipf head is not alphabetical.
	r.Shuffle(len(w.countries), func(i, j int) { w.countries[i], w.countries[j] = w.countries[j], w.countries[i] })
	r.Shuffle(len(w.codes), func(i, j int) { w.codes[i], w.codes[j] = w.codes[j], w.codes[i] })
	w.country, w.code = zipf(r, len(w.countries)), zipf(r, len(w.codes))
	for i := range 500 {
		c := w.countries[w.country()]
		sector := []string{"GOV", "GOV", "MIL", "OPP", "REB", "JUD"}[r.IntN(6)]
		w.people = append(w.people, entente.Actor{Name: fmt.Sprintf("Person %d of %s", i, c.en),
			ID: fmt.Sprintf("synth-person-%d", i), Code: c.iso3 + sector, Country: c.iso3, Sector: sector})
	}
	for i := range 300 {
		w.sites = append(w.sites, fmt.Sprintf("Synthetic News %d", i))
	}
	w.person, w.site = zipf(r, len(w.people)), zipf(r, len(w.sites))
	return w, nil
}

// zipf draws indexes in [0, n) with a heavy head: P(i) ∝ 1/(i+2)^1.1.
func zipf(r *rand.Rand, n int) func() int {
	z := rand.NewZipf(r, 1.1, 2, uint64(n-1))
	return func() int { return int(z.Uint64()) }
}

var sectors = []string{"GOV", "GOV", "GOV", "MIL", "MIL", "COP", "OPP", "REB", "BUS", "CVL", "MED", "JUD", "LEG", "", ""}

// actor draws one side of an event.
func (w *world) actor(r *rand.Rand) entente.Actor {
	if r.IntN(20) == 0 {
		return w.people[w.person()]
	}
	c := w.countries[w.country()]
	s := sectors[r.IntN(len(sectors))]
	name := c.en
	if s != "" {
		name = c.en + " " + strings.ToLower(s)
	}
	return entente.Actor{Name: name, Code: c.iso3 + s, Country: c.iso3, Sector: s}
}

var start = time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)

// event draws a new event.
func (w *world) event(r *rand.Rand) entente.Event {
	src := w.actor(r)
	tgt := w.actor(r)
	for tgt.Country == src.Country && r.IntN(4) != 0 {
		tgt = w.actor(r)
	}
	c := w.codes[w.code()]
	date := start.AddDate(0, 0, r.IntN(3*365+1)).Format(time.DateOnly)
	e := entente.Event{
		Code: c.code, Root: c.root, Quad: c.quad, Goldstein: c.goldstein, Plover: c.plover,
		Source: src, Target: tgt, Date: &date, DatePrecision: new(string), Modality: entente.Asserted,
		Rule: "synth", Confidence: 0.5, AttributedTo: []string{},
	}
	*e.DatePrecision = entente.Day
	if places := w.places[tgt.Country]; len(places) > 0 && r.IntN(10) < 6 {
		p := places[r.IntN(min(len(places), 5))]
		e.Place = &p
	}
	switch r.IntN(20) {
	case 0:
		e.Modality = entente.Negated
	case 1:
		e.Modality = entente.Intended
	case 2:
		e.Modality = entente.Alleged
	}
	return e
}

// build writes the store.
func build(ctx context.Context, cfg config, stderr io.Writer) error {
	r := rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15))
	w, err := loadWorld(r)
	if err != nil {
		return fmt.Errorf("knowledge: %w", err)
	}
	if postgres.IsURL(cfg.db) {
		return buildPostgres(ctx, cfg, w, r, stderr)
	}
	st, err := sqlite.Open(ctx, cfg.db, sqlite.Options{CacheMiB: 2048})
	if err != nil {
		return err
	}
	defer st.Close()

	began := time.Now()
	// Each line tells the rate of the whole run and of the last batch,
	// and the CPU time the process spent on each event of that batch: a
	// run that slows down while its CPU per event stays is waiting for a
	// core (or the disk), not doing more work.
	last, lastMade, lastCPU := began, 0, cpu.Time()
	err = st.Load(ctx, func(ingest func([]*entente.Document) error) error {
		return generate(ctx, cfg, w, r, func(batch []*entente.Document, made, docs, mentions int) error {
			if err := ingest(batch); err != nil {
				return err
			}
			now, cpu := time.Now(), cpu.Time()
			el, n := now.Sub(began), float64(made-lastMade)
			fmt.Fprintf(stderr, "%d events, %d documents, %d mentions, %s (%.0f events/s; last batch %.0f events/s, %.3f ms of CPU an event)\n",
				made, docs, mentions, el.Round(time.Second), float64(made)/el.Seconds(),
				n/now.Sub(last).Seconds(), float64((cpu-lastCPU).Microseconds())/1000/n)
			last, lastMade, lastCPU = now, made, cpu
			return nil
		})
	})
	if err != nil {
		return err
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "done in %s: %d documents, %d events, %d mentions\n",
		time.Since(began).Round(time.Second), c.Documents, c.Events, c.Mentions)
	return nil
}

// generate makes the documents and hands them to put in batches.
func generate(ctx context.Context, cfg config, w *world, r *rand.Rand, put func(batch []*entente.Document, made, docs, mentions int) error) error {
	var recent []entente.Event // events reported lately, which later documents report again
	made, docs, mentions := 0, 0, 0
	batch := make([]*entente.Document, 0, cfg.batch)
	for made < cfg.events {
		if err := ctx.Err(); err != nil {
			return err
		}
		site := w.sites[w.site()]
		lang := "en"
		if r.IntN(10) < 3 {
			lang = "fr"
		}
		doc := &entente.Document{ID: fmt.Sprintf("synth-%d", docs), URL: fmt.Sprintf("https://news%d.example/%d", docs%300, docs),
			Title: fmt.Sprintf("Report %d", docs), Site: site, Lang: lang, DateFrom: "metadata"}
		var text strings.Builder
		fmt.Fprintf(&text, "Report %d from %s. ", docs, site)
		n := 1 + r.IntN(7)
		for range n {
			var e entente.Event
			if len(recent) > 0 && r.IntN(2) == 0 {
				e = recent[r.IntN(len(recent))]
			} else if made < cfg.events {
				e = w.event(r)
				made++
				if len(recent) < 20000 {
					recent = append(recent, e)
				} else {
					recent[r.IntN(len(recent))] = e
				}
			} else {
				continue
			}
			sentence := fmt.Sprintf("%s: %s, %s on %s.", e.Source.Name, strings.ToLower(w.names[e.Code]), e.Target.Name, *e.Date)
			if e.Place != nil {
				sentence = strings.TrimSuffix(sentence, ".") + " in " + e.Place.Name + "."
			}
			startAt := text.Len()
			text.WriteString(sentence + " ")
			e.Evidence = entente.Evidence{Text: sentence, Start: startAt, End: startAt + len(sentence), Trigger: "synth"}
			e.Doc = doc.ID
			doc.Events = append(doc.Events, e)
			mentions++
		}
		doc.Text = text.String()
		if len(doc.Events) > 0 {
			if d, err := time.Parse(time.DateOnly, *doc.Events[0].Date); err == nil {
				doc.Date = d.AddDate(0, 0, 1)
			}
		}
		docs++
		batch = append(batch, doc)
		if len(batch) == cfg.batch || made == cfg.events {
			if err := put(batch, made, docs, mentions); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return nil
}

// buildPostgres writes the store into an empty PostgreSQL database,
// cfg.workers batches at once.
func buildPostgres(ctx context.Context, cfg config, w *world, r *rand.Rand, stderr io.Writer) error {
	st, err := postgres.Open(ctx, cfg.db, postgres.Options{MaxConns: int32(cfg.workers + 1)})
	if err != nil {
		return err
	}
	defer st.Close()
	if c, err := st.Counts(ctx); err != nil {
		return err
	} else if c.Documents > 0 {
		return fmt.Errorf("the database holds %d documents; give an empty one", c.Documents)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*entente.Document, cfg.workers)
	errs := make(chan error, cfg.workers)
	for range cfg.workers {
		go func() {
			var err error
			for batch := range batches {
				if err == nil {
					if _, err = st.IngestBatch(ctx, batch); err != nil {
						cancel()
					}
				}
			}
			errs <- err
		}()
	}
	began := time.Now()
	genErr := generate(ctx, cfg, w, r, func(batch []*entente.Document, made, docs, mentions int) error {
		select {
		case batches <- slices.Clone(batch):
		case <-ctx.Done():
			return ctx.Err()
		}
		el := time.Since(began)
		fmt.Fprintf(stderr, "%d events, %d documents, %d mentions, %s (%.0f events/s)\n",
			made, docs, mentions, el.Round(time.Second), float64(made)/el.Seconds())
		return nil
	})
	close(batches)
	var werr error
	for range cfg.workers {
		werr = errors.Join(werr, <-errs)
	}
	if werr != nil {
		return werr
	}
	if genErr != nil {
		return genErr
	}
	if err := st.Analyze(ctx); err != nil {
		return err
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "done in %s: %d documents, %d events, %d mentions\n",
		time.Since(began).Round(time.Second), c.Documents, c.Events, c.Mentions)
	return nil
}
