// The events table: one page at a time from GET /api/events, sortable,
// with the evidence excerpt and the number of sources on each row.
import { useEffect, useRef, useState } from "preact/hooks";
import { Event, Params, filters, get } from "../api";
import { codebook } from "../codes";
import { Lang, T, modalityNames } from "../i18n";
import { href } from "../route";
import { ActorName, ErrorBox, QuadBadge, goldColour, useFetch } from "../ui";

const SORTS: Record<string, string> = { date: "date", goldstein: "goldstein", sources: "sources", mentions: "mentions" };

// EventsTable shows the events that params select. view and params name
// the URL the sort and page links go to.
export function EventsTable(props: { t: T; lang: Lang; view: string; params: Params }) {
  const { t, params } = props;
  const sort = SORTS[params.sort] ? params.sort : "date";
  const desc = params.desc !== "0";
  const cursor = params.cursor || "";
  const query = { ...filters(params), sort, desc: desc ? "1" : "", limit: 50, cursor };
  const key = JSON.stringify(query);
  const { data, error, loading } = useFetch(key, (s) => get<{ events: Event[]; next: string }>("/api/events", query, s));
  const [names, setNames] = useState<Map<string, string>>(new Map());
  // The cursors of the pages before this one, to go back.
  const back = useRef<string[]>([]);
  useEffect(() => {
    codebook().then((m) => setNames(new Map([...m].map(([k, c]) => [k, c.name]))), () => {});
  }, []);
  useEffect(() => {
    if (!cursor) back.current = [];
  }, [cursor]);

  const link = (p: Params) => href(props.view, { ...params, ...p });
  const sortLink = (k: string) => link({ sort: k, desc: k === sort ? (desc ? "0" : "1") : "1", cursor: "" });
  const th = (k: string, label: string) => (
    <th scope="col" aria-sort={sort === k ? (desc ? "descending" : "ascending") : "none"}>
      <a href={sortLink(k)} title={`${t("sort_by")} ${label}`}>
        {label} {sort === k ? (desc ? "▼" : "▲") : ""}
      </a>
    </th>
  );
  const events = data?.events || [];
  useEffect(() => {
    // The first rows on screen, for measuring the first screen.
    if (events.length && !performance.getEntriesByName("entente:rows").length) performance.mark("entente:rows");
  }, [data]);
  return (
    <section class="events" aria-busy={loading}>
      <ErrorBox error={error} t={t} />
      <table class="table" id="events-table">
        <thead>
          <tr>
            {th("date", t("date"))}
            <th scope="col">{t("source")}</th>
            <th scope="col">{t("event")}</th>
            <th scope="col">{t("target")}</th>
            {th("goldstein", t("goldstein"))}
            <th scope="col">{t("modality")}</th>
            {th("sources", t("sources"))}
            <th scope="col" class="wide">{t("evidence")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr data-event={e.id}>
              <td class="nowrap">{e.date || "—"}</td>
              <td><ActorName a={e.source} /></td>
              <td>
                <QuadBadge quad={e.quad} /> <code>{e.code}</code> <span class="codename">{names.get(e.code) || ""}</span>
              </td>
              <td><ActorName a={e.target} /></td>
              <td class="num" style={{ color: goldColour(e.goldstein) }}>{e.goldstein.toFixed(1)}</td>
              <td>{modalityNames[props.lang][e.modality] || e.modality}</td>
              <td class="num" title={`${e.num_mentions} ${t("mentions")}`}>{e.num_sources}</td>
              <td class="wide">
                <a class="excerpt" href={href("event", {}, String(e.id))}>{e.excerpt}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loading && <p class="muted">{t("loading")}</p>}
      {!loading && !error && events.length === 0 && <p class="muted">{t("none")}</p>}
      <nav class="pager" aria-label="pages">
        {cursor && <a href={link({ cursor: "" })}>« {t("first")}</a>}
        {cursor && (
          <a
            href={link({ cursor: back.current[back.current.length - 1] || "" })}
            onClick={() => back.current.pop()}
          >
            ‹ {t("prev")}
          </a>
        )}
        {data?.next && (
          <a href={link({ cursor: data.next })} onClick={() => back.current.push(cursor)} id="next-page">
            {t("next")} ›
          </a>
        )}
      </nav>
    </section>
  );
}
