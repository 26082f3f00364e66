// The dyad or actor view: events per day, week or month stacked by
// QuadClass with the mean Goldstein value; dragging across the chart picks
// a period (from, to) that filters the table below it.
import { useEffect, useRef } from "preact/hooks";
import { ActorCount, Bucket, Params, filters, get } from "../api";
import { Lang, T } from "../i18n";
import { go } from "../route";
import { ErrorBox, useFetch, useTotal } from "../ui";
import { EventsTable } from "./Events";
import { Filters } from "./Filters";

function ActorHeader({ id, t }: { id: string; t: T }) {
  const { data } = useFetch("actor" + id, (s) => get<ActorCount>(`/api/actors/${encodeURIComponent(id)}`, {}, s));
  if (!data) return null;
  return (
    <div class="actor-head">
      <h2>{data.actor.name || data.key}</h2>
      <p class="meta">
        {[data.actor.code, data.actor.country, data.actor.org, data.actor.sector].filter(Boolean).join(" · ")} · {data.events} {t("events_n")}
        {data.first && ` · ${data.first} – ${data.last}`}
      </p>
      {data.roles && data.roles.length > 0 && (
        <ul class="roles">
          {data.roles.map((r) => (
            <li>{r.title} <small>({[r.country || r.org, r.sector].filter(Boolean).join(" ")}, {r.from || "…"} – {r.to || "…"})</small></li>
          ))}
        </ul>
      )}
      {data.aliases && data.aliases.length > 0 && <p class="aliases">{data.aliases.join(" | ")}</p>}
    </div>
  );
}

export function Timeline({ t, lang, params }: { t: T; lang: Lang; params: Params }) {
  const interval = ["day", "week", "month"].includes(params.interval) ? params.interval : "week";
  // The chart shows the whole history of its filters; the period picked
  // on it (from, to) filters the table only.
  const f = filters(params);
  const chartFilters = { ...f, from: "", to: "" };
  const key = JSON.stringify({ chartFilters, interval });
  const { data, error } = useFetch(key, (s) => get<{ buckets: Bucket[] }>("/api/series", { ...chartFilters, interval, by: "quad" }, s));
  // Events without a date have no place on the time axis: say how many.
  const { data: total } = useTotal(chartFilters);
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!data || !el.current) return;
    let dispose: (() => void) | undefined;
    let dead = false;
    import("../chart").then((c) => {
      if (dead || !el.current) return;
      dispose = c.timeline(
        el.current,
        data.buckets || [],
        interval,
        { quads: [t("quad1"), t("quad2"), t("quad3"), t("quad4")], mean: t("mean_goldstein"), events: t("events_n") },
        { from: params.from, to: params.to },
        (from, to) => go("timeline", { ...params, from, to, cursor: "" }),
      );
    });
    return () => {
      dead = true;
      dispose?.();
    };
  }, [data, params.from, params.to, t]);

  const single = params.actor && !params.dyad ? params.actor : "";
  return (
    <section>
      <Filters
        t={t}
        lang={lang}
        params={params}
        onApply={(p) => go("timeline", { ...p, interval })}
        extra={
          <div class="field">
            <label for="f-interval">{t("interval")}</label>
            <select id="f-interval" value={interval} onChange={(e) => go("timeline", { ...params, interval: (e.target as HTMLSelectElement).value })}>
              <option value="day">{t("day")}</option>
              <option value="week">{t("week")}</option>
              <option value="month">{t("month")}</option>
            </select>
          </div>
        }
      />
      {single && <ActorHeader id={single} t={t} />}
      <p class="hint">
        {t("brush_hint")}{" "}
        {(params.from || params.to) && (
          <button type="button" onClick={() => go("timeline", { ...params, from: "", to: "", cursor: "" })}>
            {t("clear_period")} ({params.from || "…"} – {params.to || "…"})
          </button>
        )}
      </p>
      <ErrorBox error={error} t={t} />
      {total && total.undated > 0 && (
        <p class="note" id="undated" data-undated={total.undated}>
          {total.undated.toLocaleString()} {total.undated === 1 ? t("undated_note_one") : t("undated_note")}
        </p>
      )}
      <div class="chart" id="timeline" ref={el} />
      <EventsTable t={t} lang={lang} view="timeline" params={params} />
    </section>
  );
}
