// One event: actors with their roles at the event date, code and name,
// Goldstein value, date and precision, place on a small map, modality, and
// every mention with its evidence sentence highlighted in the original
// text (trigger words marked). All article text is rendered as text.
import { useEffect, useRef, useState } from "preact/hooks";
import { Actor, Document, Event, Mention, actorLabel, actorRef, apiURL, docLabel, get, publisherName, unspecified } from "../api";
import { Lang, T, modalityNames } from "../i18n";
import { href } from "../route";
import { documentSegments, Segment } from "../text";
import { ActorName, ErrorBox, QuadBadge, goldColour, useFetch } from "../ui";

export function Segments({ segs }: { segs: Segment[] }) {
  return (
    <>
      {segs.map((s) => (s.kind === "trigger" ? <mark class="trigger">{s.text}</mark> : s.text))}
    </>
  );
}

function MentionText({ m, t }: { m: Mention; t: T }) {
  const { data: doc, error } = useFetch("doc" + m.doc, (s) => get<Document>(`/api/documents/${m.doc}`, {}, s));
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const box = ref.current?.closest(".doctext") as HTMLElement | null;
    if (ref.current && box) box.scrollTop = ref.current.offsetTop - box.offsetTop - 40;
  }, [doc]);
  if (error) return <ErrorBox error={error} t={t} />;
  if (!doc) return <p class="evidence-only"><mark class="evidence">{m.evidence.text}</mark></p>;
  const parts = documentSegments(doc.text, m.evidence.start, m.evidence.end, m.evidence.trigger);
  return (
    <div class="doctext" tabIndex={0} aria-label={t("document")}>
      {parts.before}
      <mark class="evidence" ref={ref}>
        <Segments segs={parts.sentence} />
      </mark>
      {parts.after}
    </div>
  );
}

function MentionCard({ m, t }: { m: Mention; t: T }) {
  const d = m.document;
  const pub = publisherName(d);
  // A document read from a file has its path as its name: shown only as
  // a tooltip, never as a title or a publisher.
  const path = d && !/^https?:/i.test(d.name) ? d.name : "";
  return (
    <article class="mention" data-mention={m.id}>
      <header>
        <h3 title={path || undefined}>{docLabel(d) || `${t("document")} ${m.doc}`}</h3>
        <p class="meta">
          <span class="publisher" title={path || undefined}>{t("publisher")}: {pub || t("unknown_publisher")}</span>
          {d?.date && <span>{d.date}</span>}
          {d?.lang && <span>{d.lang}</span>}
          {d?.url && /^https?:/i.test(d.url) && (
            <a href={d.url} target="_blank" rel="noopener noreferrer">{t("open_original")} ↗</a>
          )}
          <span>{t("trigger")}: <mark class="trigger">{m.evidence.trigger}</mark></span>
          <span>{t("rule")}: <code>{m.rule}</code></span>
          <span>{t("confidence")}: {m.confidence.toFixed(2)}</span>
        </p>
        {m.attributed_to && m.attributed_to.length > 0 && (
          <p class="meta">{t("attribution")}: {m.attributed_to.join(" → ")}</p>
        )}
      </header>
      <MentionText m={m} t={t} />
    </article>
  );
}

function SmallMap({ e }: { e: Event }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!e.place || !el.current) return;
    let dispose: (() => void) | undefined;
    let dead = false;
    import("../maps").then((m) => {
      if (!dead && el.current) dispose = m.smallMap(el.current, e.place!);
    });
    return () => {
      dead = true;
      dispose?.();
    };
  }, [e.id]);
  if (!e.place) return null;
  return <div class="smallmap" ref={el} role="img" aria-label={`${e.place.name} (${e.place.country})`} />;
}

// Side is one actor of the event: a link to its timeline and its role at
// the event date, or "unspecified" when the text names none.
function Side({ a, role, t }: { a: Actor; role?: string; t: T }) {
  if (unspecified(a)) return <ActorName a={a} t={t} />;
  return (
    <>
      <a href={href("timeline", { actor: actorRef(a) })}><ActorName a={a} t={t} /></a>
      <div class="role">{role || t("no_role")} <small>({t("role_at_date")})</small></div>
    </>
  );
}

export function EventDetail({ id, t, lang }: { id: string; t: T; lang: Lang }) {
  const url = apiURL(`/api/events/${encodeURIComponent(id)}`);
  const { data: e, error, loading } = useFetch("event" + id, (s) => get<Event>(url, {}, s), url);
  if (error) return <ErrorBox error={error} t={t} />;
  if (!e) return <p class="muted">{loading ? t("loading") : ""}</p>;
  const dyad = `${actorRef(e.source)},${actorRef(e.target)}`;
  // With one side unspecified the links are the other side's own.
  const known = unspecified(e.target) ? e.source : unspecified(e.source) ? e.target : null;
  return (
    <section class="event-detail" aria-labelledby="event-title">
      <p><a href="#/events">← {t("back")}</a></p>
      <h2 id="event-title">
        <QuadBadge quad={e.quad} t={t} /> <code>{e.code}</code> {e.code_name || ""}
      </h2>
      <div class="detail-grid">
        <dl class="facts">
          <dt>{t("source")}</dt>
          <dd><Side a={e.source} role={e.source_role} t={t} /></dd>
          <dt>{t("target")}</dt>
          <dd><Side a={e.target} role={e.target_role} t={t} /></dd>
          <dt>{t("goldstein")}</dt>
          <dd style={{ color: goldColour(e.goldstein) }}>{e.goldstein.toFixed(1)}</dd>
          <dt>{t("date")}</dt>
          <dd>{e.date || "—"} {e.date_precision && <small>({t("precision")}: {e.date_precision})</small>}</dd>
          <dt>{t("modality")}</dt>
          <dd>{modalityNames[lang][e.modality] || e.modality}</dd>
          <dt>{t("place")}</dt>
          <dd>{e.place ? `${e.place.name} (${e.place.country})` : "—"}</dd>
          <dt>{t("sources")} / {t("mentions")}</dt>
          <dd>{e.num_sources} / {e.num_mentions}</dd>
          <dt>PLOVER</dt>
          <dd>{e.plover || "—"}</dd>
        </dl>
        <SmallMap e={e} />
      </div>
      {known ? (
        <p class="links">
          <a href={href("timeline", { actor: actorRef(known) })}>{t("actor_timeline")} {actorLabel(known)}</a> ·{" "}
          <a href={href("events", { actor: actorRef(known) })}>{t("actor_events")} {actorLabel(known)}</a>
        </p>
      ) : (
        <p class="links">
          <a href={href("timeline", { dyad })}>{t("dyad_timeline")}</a> · <a href={href("events", { dyad })}>{t("dyad_events")}</a>
        </p>
      )}
      <Mentions e={e} t={t} />
    </section>
  );
}

// Mentions lists the event's mentions a page at a time (the API sends the
// first 100 with the event); a button fetches the next page.
function Mentions({ e, t }: { e: Event; t: T }) {
  const [more, setMore] = useState<{ list: Mention[]; next: number | null | undefined }>({ list: [], next: e.mentions_next });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setMore({ list: [], next: e.mentions_next }), [e.id]);
  const list = [...(e.mentions || []), ...more.list];
  const total = e.mentions_total ?? list.length;
  function load() {
    if (more.next == null) return;
    setBusy(true);
    get<Event>(`/api/events/${e.id}`, { mentions_offset: more.next }).then(
      (r) => {
        setMore((o) => ({ list: [...o.list, ...(r.mentions || [])], next: r.mentions_next }));
        setBusy(false);
        setError(null);
      },
      (err) => {
        setBusy(false);
        setError(err);
      },
    );
  }
  return (
    <>
      <h2>
        {t("mentions")} ({list.length < total ? `${list.length} / ${total}` : total})
      </h2>
      {list.map((m) => (
        <MentionCard key={m.id} m={m} t={t} />
      ))}
      <ErrorBox error={error} t={t} />
      {more.next != null && (
        <p>
          <button type="button" id="more-mentions" onClick={load} disabled={busy}>
            {busy ? t("loading") : t("more_mentions")}
          </button>
        </p>
      )}
    </>
  );
}
