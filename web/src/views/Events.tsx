// The events table: one page at a time from GET /api/events, sortable,
// with the evidence excerpt and the number of sources on each row.
import { useEffect, useRef, useState } from "preact/hooks";
import { Code, EXPORTS, Event, Params, apiURL, eventsQuery, exportURL, filters, get } from "../api";
import { codebook, loadedCodebook } from "../codes";
import { Lang, T, modalityNames } from "../i18n";
import { href } from "../route";
import { ActorName, ErrorBox, QuadBadge, QuadLegend, goldColour, useFetch, useTotal } from "../ui";

// Download links the export of every event the filters select (GET
// /api/export streams all pages), in each format.
export function Download({ t, params }: { t: T; params: Params }) {
  return (
    <p class="download" id="download">
      <span title={t("download_hint")}>{t("download")}:</span>
      {EXPORTS.map(([format, label]) => (
        <a href={exportURL(format, params)} download data-format={format} title={`${t("download_hint")} (${label})`}>
          {label}
        </a>
      ))}
    </p>
  );
}

// Total says how many events the filters select.
export function Total({ t, params }: { t: T; params: Params }) {
  const { data } = useTotal(filters(params));
  if (!data) return <span class="total" />;
  return (
    <span class="total" id="total" data-total={data.events}>
      <strong>{data.events.toLocaleString()}</strong> {data.events === 1 ? t("matching_one") : t("matching")}
    </span>
  );
}

function codeNames(m: Map<string, Code> | null): Map<string, string> {
  return new Map([...(m || [])].map(([k, c]) => [k, c.name]));
}

// EventsTable shows the events that params select. view and params name
// the URL the sort and page links go to.
export function EventsTable(props: { t: T; lang: Lang; view: string; params: Params }) {
  const { t, params } = props;
  const query = eventsQuery(params);
  const { sort, cursor } = query;
  const desc = query.desc === "1";
  const key = JSON.stringify(query);
  const { data, error, loading } = useFetch(key, (s) => get<{ events: Event[]; next: string }>("/api/events", query, s), apiURL("/api/events", query));
  const [names, setNames] = useState<Map<string, string>>(() => codeNames(loadedCodebook()));
  // The cursors of the pages before this one, to go back.
  const back = useRef<string[]>([]);
  useEffect(() => {
    if (!loadedCodebook()) codebook().then((m) => setNames(codeNames(m)), () => {});
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
      <div class="table-head">
        <Total t={t} params={params} />
        <Download t={t} params={params} />
      </div>
      <QuadLegend t={t} />
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
              <td><ActorName a={e.source} t={t} /></td>
              <td>
                <QuadBadge quad={e.quad} t={t} /> <code>{e.code}</code> <span class="codename">{names.get(e.code) || ""}</span>
              </td>
              <td><ActorName a={e.target} t={t} /></td>
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
