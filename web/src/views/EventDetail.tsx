// One event: actors with their roles at the event date, code and name,
// Goldstein value, date and precision, place on a small map, modality, and
// every mention with its evidence sentence highlighted in the original
// text (trigger words marked). All article text is rendered as text.
import { useEffect, useRef } from "preact/hooks";
import { Document, Event, Mention, actorRef, get } from "../api";
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
  return (
    <article class="mention" data-mention={m.id}>
      <header>
        <h3>{d?.title || d?.name || `${t("document")} ${m.doc}`}</h3>
        <p class="meta">
          {d?.publisher && <span>{t("publisher")}: {d.publisher}</span>}
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

export function EventDetail({ id, t, lang }: { id: string; t: T; lang: Lang }) {
  const { data: e, error, loading } = useFetch("event" + id, (s) => get<Event>(`/api/events/${encodeURIComponent(id)}`, {}, s));
  if (error) return <ErrorBox error={error} t={t} />;
  if (!e) return <p class="muted">{loading ? t("loading") : ""}</p>;
  const dyad = `${actorRef(e.source)},${actorRef(e.target)}`;
  return (
    <section class="event-detail" aria-labelledby="event-title">
      <p><a href="#/events">← {t("back")}</a></p>
      <h2 id="event-title">
        <QuadBadge quad={e.quad} /> <code>{e.code}</code> {e.code_name || ""}
      </h2>
      <div class="detail-grid">
        <dl class="facts">
          <dt>{t("source")}</dt>
          <dd>
            <a href={href("timeline", { actor: actorRef(e.source) })}><ActorName a={e.source} /></a>
            <div class="role">{e.source_role || t("no_role")} <small>({t("role_at_date")})</small></div>
          </dd>
          <dt>{t("target")}</dt>
          <dd>
            <a href={href("timeline", { actor: actorRef(e.target) })}><ActorName a={e.target} /></a>
            <div class="role">{e.target_role || t("no_role")} <small>({t("role_at_date")})</small></div>
          </dd>
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
      <p class="links">
        <a href={href("timeline", { dyad })}>{t("dyad_timeline")}</a> · <a href={href("events", { dyad })}>{t("dyad_events")}</a>
      </p>
      <h2>{t("mentions")} ({(e.mentions || []).length})</h2>
      {(e.mentions || []).map((m) => (
        <MentionCard m={m} t={t} />
      ))}
    </section>
  );
}
