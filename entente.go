// Package entente holds the domain types that flow through the coder:
// a Document, its sentences and tokens (byte offsets into Document.Text),
// the actor mentions found in it and the events coded from it.
//
// The package does no I/O. Each stage (read, lang, segment, mention,
// resolve, code, ground) lives in its own package under internal/ and fills
// its part of one *Document; internal/pipeline wires them together.
package entente

import (
	"encoding/json"
	"slices"
	"time"
)

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Document is one article moving through the pipeline.
type Document struct {
	ID    string // "id" of a JSON Lines record, else the file path or URL
	URL   string
	Title string
	Site  string // publisher or site name when known
	// Text is the text that is coded; every Span points into it.
	Text string
	// Chrome lists page furniture inside Text (copyright lines, "Read more",
	// share buttons) that segmentation skips.
	Chrome []Span
	Lang   string // ISO 639-1: "fr", "en"

	// Date is the document date; DateFrom says where it came from:
	// "metadata" (the page or record), "flag" (--date), "dateline" (the
	// date line that opens a wire story), "text" (another date written in
	// the article), or "" when unknown.
	Date     time.Time
	DateFrom string

	Sentences []Sentence
	Mentions  []Mention
	Events    []Event
}

// TokenKind tells words from numbers and punctuation.
type TokenKind uint8

const (
	Word TokenKind = iota
	Number
	Punct
)

// Token is one word, number or punctuation mark.
type Token struct {
	Span
	Kind TokenKind
	// Fold is the lower-cased, accent-folded form ("Téhéran" → "teheran");
	// French elided articles are their own tokens ("l'" → "l", "d'" → "d").
	Fold string
	// Stem is the snowball stem of Fold in the document language.
	Stem string
	// Upper reports whether the original token starts with an upper-case letter.
	Upper bool

	// Syntax (Universal Dependencies), set when the sentence is Parsed:
	// the part of speech (UPOS), the lemma, the index in the sentence of
	// the head token (-1 for the root) and the relation to it.
	UPOS   string
	Lemma  string
	Head   int
	Deprel string
}

// Sentence is a run of tokens; Span covers it in Document.Text.
type Sentence struct {
	Span
	Tokens []Token
	// Parsed reports whether the syntax stage analyzed the sentence.
	Parsed bool
}

// MentionKind says what a mention refers to.
type MentionKind uint8

const (
	// ActorMention names an actor: a country, person, organisation or group,
	// or a role phrase that gives one ("le président iranien").
	ActorMention MentionKind = iota
	// PlaceMention names a place that is not itself taken as an actor.
	PlaceMention
	// ReporterMention names a news agency or publisher: a source of the
	// report, never an actor of the event.
	ReporterMention
	// PronounMention is a personal pronoun resolved to an earlier actor.
	PronounMention
)

// Mention is a stretch of tokens in one sentence that refers to something.
type Mention struct {
	Kind     MentionKind
	Sentence int // index into Document.Sentences
	First    int // first token index in the sentence
	Last     int // last token index, inclusive
	Span
	Actor Actor  // the resolved actor (ActorMention, PronounMention, ReporterMention)
	Place *Place // set for place names, including capitals used as actors
	// Group links coordinated mentions ("la Russie et l'Iran"): mentions
	// with the same Group > 0 fill one slot together.
	Group int
	// Person reports whether the mention refers to one individual.
	Person bool
	// Guessed reports that the actor's country was inferred (from a place
	// in the story, not one the phrase or its sentence ties it to).
	Guessed bool
	// Dateline marks the names that open a story to say where it was
	// filed ("TRIPOLI (Reuters) -", "DOHA, 4 juin (AFP) -"): a place,
	// never an actor, even a capital that elsewhere names its state.
	Dateline bool
	// Link is, for a mention that refers back to an actor named before (a
	// pronoun, "the two sides", "le groupe", a quote's "nous"), how sure
	// the link is (0-1, lower for a guess); 0 for a mention that names
	// its actor.
	Link float64
}

// Actor is who does or undergoes an event, as of the document date.
type Actor struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Code    string `json:"code"`    // CAMEO actor code, e.g. "RUSGOV"
	Country string `json:"country"` // ISO 3166-1 alpha-3, "" when none
	Org     string `json:"org"`     // international organisation id ("UN", "EU"), "" when none
	Sector  string `json:"sector"`  // "GOV", "MIL", "REB", ... or ""
}

// IsZero reports whether the actor is unknown.
func (a Actor) IsZero() bool { return a.Country == "" && a.Org == "" && a.ID == "" }

// side is the country or organisation an actor acts for, or its Key
// when it has neither.
func (a Actor) side() string {
	if a.Country == "" && a.Org == "" {
		return a.Key()
	}
	return a.Country + "|" + a.Org
}

// Key is an actor's part of an event's identity: country, org, sector and
// knowledge-base id, joined by "|" ("IRN||GOV|"). Two mentions of the
// same office ("the police", "riot police") share it.
func (a Actor) Key() string {
	return a.Country + "|" + a.Org + "|" + a.Sector + "|" + a.ID
}

// Place is a grounded location.
type Place struct {
	Name       string  `json:"name"`
	Country    string  `json:"country"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeonamesID int     `json:"geonames_id"`
}

// Modality of an event as reported.
const (
	Asserted    = "asserted"
	Negated     = "negated"
	Intended    = "intended"
	Alleged     = "alleged"
	Conditional = "conditional"
)

// Precision of an event date. Inherited is a day taken from the document
// (its metadata, --date or dateline) for an event told without a time
// expression: the news convention makes it the publication day, but the
// text does not say so.
const (
	Day       = "day"
	Week      = "week"
	Month     = "month"
	Year      = "year"
	Inherited = "inherited"
)

// Evidence is the sentence that reports an event and the words that fired.
type Evidence struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Trigger string `json:"trigger"`
}

// Event is one coded event, in the shape of the output contract (DESIGN.md).
type Event struct {
	Doc           string   `json:"doc"`
	Code          string   `json:"code"`
	Root          string   `json:"root"`
	Quad          int      `json:"quad"`
	Goldstein     float64  `json:"goldstein"`
	Plover        string   `json:"plover"`
	Source        Actor    `json:"source"`
	Target        Actor    `json:"target"`
	Date          *string  `json:"date"`
	DatePrecision *string  `json:"date_precision"`
	Place         *Place   `json:"place"`
	Modality      string   `json:"modality"`
	AttributedTo  []string `json:"attributed_to"`
	Evidence      Evidence `json:"evidence"`
	Rule          string   `json:"rule"`
	// Frame says, for an event read over the parse, where its source and
	// target stand: `source: subject "Lithuania"; target: obj "Belarus"`.
	Frame      string  `json:"frame,omitempty"`
	Confidence float64 `json:"confidence"`
	// Also holds the other sentences of the document that report the
	// same event (see Distinct).
	Also []Evidence `json:"also,omitempty"`

	// Sentence is the index of the sentence that reports the event.
	Sentence int `json:"-"`
	// TriggerSpan locates the trigger words in Document.Text.
	TriggerSpan Span `json:"-"`
}

// MarshalJSON writes the output contract's actor: empty country, org and
// sector are null.
func (a Actor) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name    string  `json:"name"`
		ID      *string `json:"id"`
		Code    *string `json:"code"`
		Country *string `json:"country"`
		Org     *string `json:"org"`
		Sector  *string `json:"sector"`
	}{a.Name, orNull(a.ID), orNull(a.Code), orNull(a.Country), orNull(a.Org), orNull(a.Sector)})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (a *Actor) UnmarshalJSON(b []byte) error {
	var v struct {
		Name, ID, Code, Country, Org, Sector *string
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	get := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	*a = Actor{Name: get(v.Name), ID: get(v.ID), Code: get(v.Code), Country: get(v.Country), Org: get(v.Org), Sector: get(v.Sector)}
	return nil
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Distinct returns a document's events with each real event once: a later
// event with the same source and target sides (country or organisation:
// "the army" and "troops" of one country are one side; inside one country
// the sector and identity tell the sides apart), code, modality
// and date as an earlier one, and a place that does not contradict it
// (same country, or one of them unknown), is the same event told again
// by a later sentence; so is one whose date was only inherited from the
// document, after one dated to the day. Its evidence joins
// the first one's Also, the first takes its place when it had none, and
// the higher confidence is kept. The order of first reports is kept.
// Events of different documents are never merged.
func Distinct(events []Event) []Event {
	type key struct{ doc, src, tgt, code, modality, date string }
	first := map[key][]int{}
	anyDate := map[key][]int{} // the same, whatever the day, for events dated to the day
	// out grows with the distinct events: a long document tells the same
	// events many times over, and room for all of them would double its
	// memory.
	out := make([]Event, 0, min(len(events), 64))
	for _, e := range events {
		k := key{e.Doc, e.Source.side(), e.Target.side(), e.Code, e.Modality, ""}
		if k.src == k.tgt {
			// Inside one country the offices are the sides: police
			// against protesters is not protesters against police.
			k.src, k.tgt = e.Source.Key(), e.Target.Key()
		}
		undated := k
		if e.Date != nil {
			k.date = *e.Date
		}
		// An act told again without a time expression of its own (its
		// date inherited from the document) is the act an earlier
		// sentence dated to the day: "Ruto met Museveni on Monday ... the two
		// presidents met to discuss the border".
		cands := first[k]
		if e.DatePrecision != nil && *e.DatePrecision == Inherited {
			cands = append(slices.Clone(cands), anyDate[undated]...)
		}
		merged := false
		for _, i := range cands {
			f := &out[i]
			if f.Place != nil && e.Place != nil && f.Place.Country != e.Place.Country {
				continue
			}
			if f.Evidence.Start == e.Evidence.Start && f.Evidence.End == e.Evidence.End {
				// Two acts told in one sentence ("expelled six diplomats
				// after recalling its envoy") are two events.
				continue
			}
			if f.Place == nil {
				f.Place = e.Place
			}
			f.Also = append(f.Also, e.Evidence)
			f.Also = append(f.Also, e.Also...)
			f.Confidence = max(f.Confidence, e.Confidence)
			merged = true
			break
		}
		if !merged {
			first[k] = append(first[k], len(out))
			if e.DatePrecision != nil && *e.DatePrecision == Day {
				anyDate[undated] = append(anyDate[undated], len(out))
			}
			out = append(out, e)
		}
	}
	return out
}
