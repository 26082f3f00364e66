package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"entente"
	"entente/internal/kb"
	"entente/internal/pipeline"
	"entente/internal/read"
)

func runCode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, log *slog.Logger) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output `format`: json (JSON Lines, one event a line) or table")
	docFlags := addDocFlags(fs)
	explain := fs.Bool("explain", false, "print each sentence's actor, place and reporter mentions and its parse (part of speech, lemma, head and relation per token) to standard error")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: entente code [flags] FILE... (\"-\" reads standard input)\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := parseArgs(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitError(2)
	}
	if *format != "json" && *format != "table" {
		return fmt.Errorf("code: --format %q: want json or table", *format)
	}
	opt, err := docFlags.options("code")
	if err != nil {
		return err
	}
	opt.Log = log // conversions to UTF-8
	p, err := pipeline.Load(pipeline.Knowledge(*docFlags.dict))
	if err != nil {
		return fmt.Errorf("code: knowledge: %w", err)
	}
	p.ParseAll = *explain
	ew := &errWriter{w: stdout}
	out := bufio.NewWriter(ew)
	var w eventWriter = &jsonWriter{enc: json.NewEncoder(out)}
	var tw *tableWriter
	if *format == "table" {
		tw = &tableWriter{tw: tabwriter.NewWriter(out, 0, 0, 2, ' ', 0), codes: p.KB.Codes}
		w = tw
	}
	failed, failedDocs, docs, events := 0, 0, 0, 0
	each := func(doc *entente.Document, err error) {
		if err == nil {
			docs++
			err = p.Code(ctx, doc)
			if err != nil {
				failedDocs++
				err = fmt.Errorf("%s: %w", doc.ID, err)
			}
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "entente: skipped: %v\n", err)
			return
		}
		if *explain {
			explainDoc(stderr, doc)
		}
		distinct := entente.Distinct(doc.Events)
		events += len(distinct)
		for i := range distinct {
			w.write(doc, &distinct[i])
		}
		if len(distinct) == 0 && tw != nil {
			tw.none(doc)
		}
	}
	for _, path := range fs.Args() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var err error
		if path == "-" {
			err = read.Reader(ctx, stdin, "-", opt, each)
		} else {
			err = read.Path(ctx, path, opt, each)
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "entente: skipped: %v\n", err)
		}
	}
	log.Debug("coded", "documents", docs, "failed", failed)
	if tw != nil {
		tw.flush()
	}
	out.Flush()
	if ew.err != nil {
		return fmt.Errorf("code: write: %w", ew.err)
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "entente: %d documents coded, %d events; %d skipped\n", docs-failedDocs, events, failed)
		return exitError(1)
	}
	return nil
}

type eventWriter interface {
	write(doc *entente.Document, e *entente.Event)
}

type jsonWriter struct{ enc *json.Encoder }

func (j *jsonWriter) write(_ *entente.Document, e *entente.Event) { j.enc.Encode(e) }

type tableWriter struct {
	tw     *tabwriter.Writer
	header bool
	codes  map[string]*kb.Code
}

func (t *tableWriter) write(doc *entente.Document, e *entente.Event) {
	if !t.header {
		fmt.Fprintln(t.tw, "DATE\tSOURCE\tCODE\tTARGET\tPLACE\tMODALITY\tEVIDENCE")
		t.header = true
	}
	date := "-"
	if e.Date != nil {
		date = *e.Date
	}
	place := "-"
	if e.Place != nil {
		place = e.Place.Name
	}
	fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", date, actorLabel(e.Source), e.Code+" "+t.codeName(e), actorLabel(e.Target), place, e.Modality, excerpt(e.Evidence.Text, e.Evidence.Trigger, 70))
}

// none says that a document gave no event, so that an empty table is
// not taken for a failure or for output still to come.
func (t *tableWriter) none(doc *entente.Document) {
	sentences := "sentences"
	if len(doc.Sentences) == 1 {
		sentences = "sentence"
	}
	fmt.Fprintf(t.tw, "no events in %s (%d %s, language %s)\n", doc.ID, len(doc.Sentences), sentences, doc.Lang)
}

func (t *tableWriter) flush() { t.tw.Flush() }

func actorLabel(a entente.Actor) string {
	if a.Name == "" && a.Country == "" && a.Org == "" && a.ID == "" {
		return "-" // not told: an untargeted act, or an act whose doer is untold
	}
	code := a.Country
	if code == "" {
		code = a.Org
	}
	if a.Sector != "" {
		code += "/" + a.Sector
	}
	name := a.Name
	if r := []rune(name); len(r) > 28 {
		name = string(r[:27]) + "…"
	}
	return fmt.Sprintf("%s (%s)", name, code)
}

// codeName is the CAMEO name of the event's code.
func (t *tableWriter) codeName(e *entente.Event) string {
	if c := t.codes[e.Code]; c != nil {
		return c.Name
	}
	return e.Plover
}

// excerpt shortens a sentence around its trigger.
func excerpt(text, trigger string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	at := strings.Index(text, trigger)
	start := 0
	if at > 0 {
		start = len([]rune(text[:at])) - n/3
	}
	if start < 0 {
		start = 0
	}
	if start+n > len(r) {
		start = len(r) - n
	}
	s := string(r[start : start+n])
	if start > 0 {
		s = "…" + s
	}
	if start+n < len(r) {
		s += "…"
	}
	return s
}

// explainDoc prints the mentions the resolver found, sentence by sentence:
// what a pattern writer needs to see why a sentence was or was not coded.
func explainDoc(w io.Writer, doc *entente.Document) {
	kinds := map[entente.MentionKind]string{entente.ActorMention: "actor", entente.PlaceMention: "place", entente.ReporterMention: "reporter", entente.PronounMention: "pronoun"}
	fmt.Fprintf(w, "# %s lang=%s date=%s (%s)\n", doc.ID, doc.Lang, doc.Date.Format("2006-01-02"), doc.DateFrom)
	mi := 0
	for si, s := range doc.Sentences {
		fmt.Fprintf(w, "[%d] %s\n", si, strings.Join(strings.Fields(doc.Text[s.Start:s.End]), " "))
		for ; mi < len(doc.Mentions) && doc.Mentions[mi].Sentence == si; mi++ {
			m := doc.Mentions[mi]
			group := ""
			if m.Group > 0 {
				group = fmt.Sprintf(" group=%d", m.Group)
			}
			fmt.Fprintf(w, "    %-8s %q → %s%s\n", kinds[m.Kind], doc.Text[m.Start:m.End], actorLabel(m.Actor), group)
		}
		if s.Parsed {
			explainParse(w, doc.Text, s)
		}
		for _, e := range doc.Events {
			if e.Sentence != si {
				continue
			}
			fmt.Fprintf(w, "    event    %s %s → %s %s: trigger %q, %s", e.Code, actorLabel(e.Source), actorLabel(e.Target), e.Modality, e.Evidence.Trigger, e.Rule)
			if e.Frame != "" {
				fmt.Fprintf(w, " (%s)", e.Frame)
			}
			fmt.Fprintln(w)
		}
	}
}

// explainParse prints a parsed sentence one token a line, as CoNLL-U
// numbers them: position, form, part of speech, lemma, head (0: the root)
// and relation.
func explainParse(w io.Writer, text string, s entente.Sentence) {
	for i, t := range s.Tokens {
		fmt.Fprintf(w, "      %3d %-18s %-5s %-18s %3d %s\n", i+1, text[t.Start:t.End], t.UPOS, t.Lemma, t.Head+1, t.Deprel)
	}
}

// errWriter keeps the first write error, so that a full disk or a closed
// pipe ends the command with an error instead of silently losing events.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
