package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"entente"
	"entente/internal/store"
)

// report is one coded event of a stored document, to be counted as a
// mention of the event it reports.
type report struct {
	doc       int64 // the document's id
	publisher string
	lang      string
	e         *entente.Event
	res       *store.Result // of the document; res.Events[i] is set
	i         int
}

// known is an event the reports of one insertEvents may add a mention
// to: a stored one, or one they create (id < 0 until numbered).
type known struct {
	id        int64
	country   *string // place country
	place     *string // place JSON
	placeName *string
	langs     string
	// What the reports change.
	created    *entente.Event // the report that creates it; nil when stored
	key        store.Key
	moved      bool // a report gave a stored event its place
	mentions   int
	publishers int
}

// insertEvents adds a mention of each report's event to the event it
// reports, creating the events no stored one has the identity of, in a
// few statements whatever the number of reports: the stored events of
// the reports' identities are read at once, the reports are matched
// against them (and against the events earlier reports created) in
// memory, in order, and what changed is written table by table. Each
// report changes the rollups, the actor counts and the change feed as
// one statement per report would, in the same order.
//
// The caller holds the advisory locks of the reports' identities, so no
// other transaction changes these events meanwhile.
func (w *writer) insertEvents(ctx context.Context, reps []report) error {
	if len(reps) == 0 {
		return nil
	}
	byIdentity, err := w.findEvents(ctx, reps)
	if err != nil {
		return err
	}
	type mentionKey struct {
		ev    *known
		doc   int64
		start int
	}
	type sourceKey struct {
		ev        *known
		publisher string
	}
	var created []*known
	var mentions []*report
	mentionEvent := []*known{}
	seen := map[mentionKey]bool{}
	sources := map[sourceKey]bool{}
	var sourceRows []sourceKey
	eventOf := make([]*known, len(reps))
	for r := range reps {
		rp := &reps[r]
		e := rp.e
		touched := w.feed.step // a change to the event takes one step of the feed
		key := store.KeyOf(e)
		ident := identity(key)
		k, placeKnown := pick(byIdentity[ident], key)
		place, err := placeJSON(e.Place)
		if err != nil {
			return err
		}
		var placeName *string
		if e.Place != nil {
			placeName = &e.Place.Name
		}
		switch {
		case k == nil:
			k = &known{id: -int64(len(created) + 1), country: nullIfEmpty(key.PlaceCountry), place: place,
				placeName: placeName, created: e, key: key}
			created = append(created, k)
			byIdentity[ident] = append(byIdentity[ident], k)
			w.addActors(e)
			w.feed.touch(k.id, true)
			f := store.FactOf(e)
			w.rollups.Event(f, 1)
			if e.Place != nil {
				w.rollups.Place(f, e.Place.Name, key.PlaceCountry, *place, 1)
			}
			rp.res.NewEvents++
		case !placeKnown && key.PlaceCountry != "":
			// The first report that knows the place gives it to the event; a
			// place without a country it had leaves the rollups.
			f := store.FactOf(e)
			if k.place != nil {
				w.rollups.Place(f, deref(k.placeName), "", *k.place, -1)
			}
			w.rollups.Place(f, e.Place.Name, key.PlaceCountry, *place, 1)
			country := key.PlaceCountry
			k.place, k.placeName, k.country = place, placeName, &country
			k.moved = k.created == nil
			w.feed.touch(k.id, false)
		}
		eventOf[r] = k
		mk := mentionKey{k, rp.doc, e.Evidence.Start}
		if seen[mk] {
			continue // the same sentence already reports this event
		}
		seen[mk] = true
		mentions = append(mentions, rp)
		mentionEvent = append(mentionEvent, k)
		rp.res.Mentions++
		if w.feed.step == touched {
			w.feed.touch(k.id, false)
		}
		k.mentions++
		k.langs = addLang(k.langs, rp.lang)
		if sk := (sourceKey{k, rp.publisher}); !sources[sk] {
			sources[sk] = true
			sourceRows = append(sourceRows, sk)
			if k.created != nil {
				k.publishers++ // a new event has no publisher yet
			}
		}
	}

	// Number the new events, in the order they were created.
	if len(created) > 0 {
		ids, err := nextIDs(ctx, w.tx, len(created))
		if err != nil {
			return err
		}
		renumber := make(map[int64]int64, len(created))
		for i, k := range created {
			renumber[k.id] = ids[i]
			k.id = ids[i]
		}
		w.feed.renumber(renumber)
	}
	for r := range reps {
		reps[r].res.Events[reps[r].i] = eventOf[r].id
	}

	// The positions in the feed, taken before the events are written so
	// that each row is written once.
	pos, err := w.take(ctx)
	if err != nil {
		return err
	}

	b := &pgx.Batch{}
	if err := w.queueCreated(b, created, pos); err != nil {
		return err
	}
	if err := queueMentions(b, mentions, mentionEvent); err != nil {
		return err
	}
	var newSources *pgx.QueuedQuery
	if len(sourceRows) > 0 {
		ids, pubs := make([]int64, len(sourceRows)), make([]string, len(sourceRows))
		for i, sk := range sourceRows {
			ids[i], pubs[i] = sk.ev.id, sk.publisher
		}
		newSources = b.Queue(`INSERT INTO event_sources (event_id, publisher)
			SELECT id, publisher FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS v (id, publisher, n) ORDER BY n
			ON CONFLICT DO NOTHING RETURNING event_id`, ids, pubs)
	}
	// The publishers new to stored events, counted as they come back.
	added := map[int64]int{}
	if newSources != nil {
		newSources.Query(func(rows pgx.Rows) error {
			var id int64
			_, err := pgx.ForEachRow(rows, []any{&id}, func() error {
				added[id]++
				return nil
			})
			return err
		})
	}
	if err := w.tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("events: %w", err)
	}

	// The stored events that changed: counts, languages, place, position.
	var stored []*known
	for _, list := range byIdentity {
		for _, k := range list {
			if _, ok := pos.last[k.id]; ok && k.created == nil {
				stored = append(stored, k)
			}
		}
	}
	slices.SortFunc(stored, func(a, b *known) int { return cmp.Compare(a.id, b.id) })
	if n := len(stored); n > 0 {
		var (
			ids, seqs                = make([]int64, n), make([]int64, n)
			ms, ss                   = make([]int32, n), make([]int32, n)
			langs                    = make([]string, n)
			moved                    = make([]bool, n)
			places, names, countries = make([]*string, n), make([]*string, n), make([]*string, n)
		)
		for i, k := range stored {
			ids[i], seqs[i], ms[i], ss[i], langs[i] = k.id, pos.last[k.id], int32(k.mentions), int32(added[k.id]), k.langs
			moved[i], places[i], names[i], countries[i] = k.moved, k.place, k.placeName, k.country
			delete(pos.last, k.id)
		}
		if _, err := w.tx.Exec(ctx, `UPDATE events e SET num_mentions = e.num_mentions + v.mentions,
			num_sources = e.num_sources + v.sources,
			last_seen = CASE WHEN v.mentions > 0 THEN greatest(e.last_seen, $10) ELSE e.last_seen END,
			langs = v.langs,
			place = CASE WHEN v.moved THEN v.place ELSE e.place END,
			place_name = CASE WHEN v.moved THEN v.name ELSE e.place_name END,
			place_country = CASE WHEN v.moved THEN v.country ELSE e.place_country END,
			seq = v.seq
			FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[], $5::text[], $6::bool[], $7::text[], $8::text[], $9::text[])
				AS v (id, seq, mentions, sources, langs, moved, place, name, country)
			WHERE e.id = v.id`, ids, seqs, ms, ss, langs, moved, places, names, countries, w.now); err != nil {
			return fmt.Errorf("events: %w", err)
		}
	}
	for _, k := range created {
		delete(pos.last, k.id)
		delete(pos.created, k.id)
	}
	// What earlier statements of the transaction changed.
	return w.writePositions(ctx, pos, w.now)
}

// pick returns, among the events of one identity (in the order of their
// ids), the one key's report counts in: one in the same place country
// first, else the first whose place country or key's is unknown. It is
// nil when there is none; placeKnown tells whether its place country is
// known.
func pick(list []*known, key store.Key) (k *known, placeKnown bool) {
	var loose *known
	for _, c := range list {
		if key.PlaceCountry != "" && c.country != nil && *c.country == key.PlaceCountry {
			return c, true
		}
		if loose == nil && (key.PlaceCountry == "" || c.country == nil) {
			loose = c
		}
	}
	return loose, loose != nil && loose.country != nil
}

// addLang adds lang to a list of languages such as ",en,fr,".
func addLang(langs, lang string) string {
	switch {
	case lang == "" || strings.Contains(langs, ","+lang+","):
		return langs
	case langs == "":
		return "," + lang + ","
	}
	return langs + lang + ","
}

// findEvents reads the stored events of the reports' identities, in the
// order of their ids, by identity.
func (w *writer) findEvents(ctx context.Context, reps []report) (map[string][]*known, error) {
	byIdentity := map[string][]*known{}
	var src, tgt, code, day, modality []string
	for _, rp := range reps {
		key := store.KeyOf(rp.e)
		ident := identity(key)
		if _, ok := byIdentity[ident]; ok {
			continue
		}
		byIdentity[ident] = nil
		src, tgt, code = append(src, key.Source), append(tgt, key.Target), append(code, key.Code)
		day, modality = append(day, key.Date), append(modality, key.Modality)
	}
	rows, err := w.tx.Query(ctx, `SELECT e.id, e.place_country, e.place, e.place_name, e.langs,
			e.source_key, e.target_key, e.code, e.day, e.modality
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v (source, target, code, day, modality)
		JOIN events e ON e.source_key = v.source AND e.target_key = v.target AND e.code = v.code
			AND e.day = v.day AND e.modality = v.modality
		ORDER BY e.id`, src, tgt, code, day, modality)
	if err != nil {
		return nil, fmt.Errorf("find: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		k := &known{}
		var key store.Key
		if err := rows.Scan(&k.id, &k.country, &k.place, &k.placeName, &k.langs,
			&key.Source, &key.Target, &key.Code, &key.Date, &key.Modality); err != nil {
			return nil, fmt.Errorf("find: %w", err)
		}
		ident := identity(key)
		byIdentity[ident] = append(byIdentity[ident], k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find: %w", err)
	}
	return byIdentity, nil
}

// nextIDs takes n ids of the events' sequence, in increasing order.
func nextIDs(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, fmt.Errorf("event ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("event ids: %w", err)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("event ids: %d of %d", len(ids), n)
	}
	return ids, nil
}

// queueCreated queues the insert of the new events, with their final
// counts.
func (w *writer) queueCreated(b *pgx.Batch, created []*known, pos positions) error {
	if len(created) == 0 {
		return nil
	}
	n := len(created)
	var (
		ids                                         = make([]int64, n)
		srcKey, tgtKey, src, tgt, code, root        = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		quad                                        = make([]int32, n)
		gold                                        = make([]float64, n)
		plover, modality, langs                     = make([]string, n), make([]string, n), make([]string, n)
		date, precision, place, placeName, country  = make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
		srcID, srcCountry, srcSector, srcOrg, srcCo = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		tgtID, tgtCountry, tgtSector, tgtOrg, tgtCo = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		mentions, publishers                        = make([]int32, n), make([]int32, n)
		seq, addedSeq                               = make([]int64, n), make([]int64, n)
	)
	for i, k := range created {
		e := k.created
		s, err := json.Marshal(e.Source)
		if err != nil {
			return err
		}
		t, err := json.Marshal(e.Target)
		if err != nil {
			return err
		}
		ids[i], srcKey[i], tgtKey[i], src[i], tgt[i] = k.id, k.key.Source, k.key.Target, string(s), string(t)
		code[i], root[i], quad[i], gold[i], plover[i] = e.Code, e.Root, int32(e.Quad), e.Goldstein, e.Plover
		date[i], precision[i], place[i], placeName[i], country[i] = nullIfEmpty(k.key.Date), e.DatePrecision, k.place, k.placeName, k.country
		modality[i], langs[i], mentions[i], publishers[i] = e.Modality, k.langs, int32(k.mentions), int32(k.publishers)
		seq[i], addedSeq[i] = pos.last[k.id], pos.created[k.id]
		srcID[i], srcCountry[i], srcSector[i], srcOrg[i], srcCo[i] = e.Source.ID, e.Source.Country, e.Source.Sector, e.Source.Org, e.Source.Code
		tgtID[i], tgtCountry[i], tgtSector[i], tgtOrg[i], tgtCo[i] = e.Target.ID, e.Target.Country, e.Target.Sector, e.Target.Org, e.Target.Code
	}
	b.Queue(`INSERT INTO events
		(id, source_key, target_key, source, target, code, root, quad, goldstein, plover,
		 date, date_precision, place, place_name, place_country, modality,
		 source_id, source_country, source_sector, source_org, source_code,
		 target_id, target_country, target_sector, target_org, target_code,
		 langs, num_mentions, num_sources, seq, added_seq, first_seen, last_seen)
		OVERRIDING SYSTEM VALUE
		SELECT id, source_key, target_key, source, target, code, root, quad, goldstein, plover,
		 date, date_precision, place, place_name, place_country, modality,
		 source_id, source_country, source_sector, source_org, source_code,
		 target_id, target_country, target_sector, target_org, target_code,
		 langs, num_mentions, num_sources, seq, added_seq, $32, $32
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
			$8::smallint[], $9::float8[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
			$15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
			$22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::int[], $29::int[], $30::bigint[], $31::bigint[])
		AS v (id, source_key, target_key, source, target, code, root, quad, goldstein, plover,
		 date, date_precision, place, place_name, place_country, modality,
		 source_id, source_country, source_sector, source_org, source_code,
		 target_id, target_country, target_sector, target_org, target_code,
		 langs, num_mentions, num_sources, seq, added_seq)
		ORDER BY id`,
		ids, srcKey, tgtKey, src, tgt, code, root, quad, gold, plover,
		date, precision, place, placeName, country, modality,
		srcID, srcCountry, srcSector, srcOrg, srcCo,
		tgtID, tgtCountry, tgtSector, tgtOrg, tgtCo,
		langs, mentions, publishers, seq, addedSeq, w.now)
	return nil
}

// queueMentions queues the insert of the mentions, in order.
func queueMentions(b *pgx.Batch, reps []*report, events []*known) error {
	if len(reps) == 0 {
		return nil
	}
	n := len(reps)
	var (
		ev, doc                     = make([]int64, n), make([]int64, n)
		sentence, trigger, rule, at = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		start, end                  = make([]int32, n), make([]int32, n)
		confidence                  = make([]float64, n)
	)
	for i, rp := range reps {
		e := rp.e
		attributed := e.AttributedTo
		if attributed == nil {
			attributed = []string{}
		}
		a, err := json.Marshal(attributed)
		if err != nil {
			return err
		}
		ev[i], doc[i], sentence[i], start[i], end[i] = events[i].id, rp.doc, e.Evidence.Text, int32(e.Evidence.Start), int32(e.Evidence.End)
		trigger[i], rule[i], confidence[i], at[i] = e.Evidence.Trigger, e.Rule, e.Confidence, string(a)
	}
	b.Queue(`INSERT INTO mentions
		(event_id, doc_id, sentence, evidence_start, evidence_end, trigger, rule, confidence, attributed_to)
		SELECT event_id, doc_id, sentence, evidence_start, evidence_end, trigger, rule, confidence, attributed_to
		FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::float8[], $9::text[])
			WITH ORDINALITY AS v (event_id, doc_id, sentence, evidence_start, evidence_end, trigger, rule, confidence, attributed_to, n)
		ORDER BY n`, ev, doc, sentence, start, end, trigger, rule, confidence, at)
	return nil
}
