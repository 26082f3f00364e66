// The map: the places of the selected events, clustered; a place filters
// the table by its country.
import { useEffect, useRef } from "preact/hooks";
import { Params, PlaceCount, filters, get } from "../api";
import { Lang, T } from "../i18n";
import { go, href } from "../route";
import { ErrorBox, useFetch } from "../ui";
import { Filters } from "./Filters";

export function MapView({ t, lang, params }: { t: T; lang: Lang; params: Params }) {
  const f = filters(params);
  const { data, error } = useFetch(JSON.stringify(f), (s) => get<{ places: PlaceCount[] }>("/api/places", { ...f, limit: 1000 }, s));
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!data || !el.current) return;
    let dispose: (() => void) | undefined;
    let dead = false;
    import("../maps").then((m) => {
      if (!dead && el.current) dispose = m.placesMap(el.current, data.places || [], (p) => go("events", { ...f, place_country: p.country }));
    });
    return () => {
      dead = true;
      dispose?.();
    };
  }, [data]);
  const places = data?.places || [];
  return (
    <section>
      <Filters t={t} lang={lang} params={params} onApply={(p) => go("map", p)} />
      <p class="hint">{t("map_hint")}</p>
      <p class="legend" id="map-legend">
        <span class="legend-title">{t("legend")}:</span>
        <span class="legend-item"><span class="sym place" aria-hidden="true" /> {t("map_place")}</span>
        <span class="legend-item"><span class="sym cluster" aria-hidden="true" /> {t("map_cluster")}</span>
      </p>
      <ErrorBox error={error} t={t} />
      <div class="bigmap" id="map" ref={el} role="img" aria-label={t("nav_map")} />
      <details class="listing">
        <summary>{t("places")} ({places.length})</summary>
        <ul class="columns">
          {places.slice(0, 200).map((p) => (
            <li>
              <a href={href("events", { ...f, place_country: p.country })}>{p.name} ({p.country})</a> · {p.events}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
