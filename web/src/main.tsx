// The entente UI: a single page with hash routing (see route.ts).
import "leaflet/dist/leaflet.css";
import "uplot/dist/uPlot.min.css";
import "./style.css";
import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { hasArrived, settlePrefetches } from "./api";
import { codebook } from "./codes";
import { Lang, initialLang, saveLang, translator } from "./i18n";
import { Route, go, href, parseRoute } from "./route";
import { CodeArticle } from "./views/CodeArticle";
import { EventDetail } from "./views/EventDetail";
import { EventsTable } from "./views/Events";
import { Filters } from "./views/Filters";
import { GraphView } from "./views/GraphView";
import { MapView } from "./views/MapView";
import { Timeline } from "./views/Timeline";

const NAV = [
  ["events", "nav_events"],
  ["timeline", "nav_timeline"],
  ["graph", "nav_graph"],
  ["map", "nav_map"],
  ["code", "nav_code"],
] as const;

function App() {
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  const [lang, setLang] = useState<Lang>(initialLang());
  const t = useMemo(() => translator(lang), [lang]);
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  useEffect(() => saveLang(lang), [lang]);
  // A new view moves the focus to its heading region, for keyboard and
  // screen reader users.
  useEffect(() => {
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [route.view, route.id]);

  let view;
  switch (route.view) {
    case "event":
      view = <EventDetail id={route.id} t={t} lang={lang} />;
      break;
    case "timeline":
      view = <Timeline t={t} lang={lang} params={route.params} />;
      break;
    case "graph":
      view = <GraphView t={t} lang={lang} params={route.params} />;
      break;
    case "map":
      view = <MapView t={t} lang={lang} params={route.params} />;
      break;
    case "code":
      view = <CodeArticle t={t} lang={lang} />;
      break;
    default:
      view = (
        <>
          <Filters t={t} lang={lang} params={route.params} onApply={(p) => go("events", p)} />
          <EventsTable t={t} lang={lang} view="events" params={route.params} />
        </>
      );
  }
  const current = route.view === "event" ? "events" : route.view;
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>{t("skip")}</a>
      <header class="top">
        <h1><a href="#/events">{t("title")}</a> <small>{t("tagline")}</small></h1>
        <nav aria-label="views">
          {NAV.map(([v, k]) => (
            <a href={href(v)} aria-current={current === v ? "page" : undefined} id={`nav-${v}`}>{t(k)}</a>
          ))}
        </nav>
        <button type="button" class="lang" aria-label={t("lang_switch_label")} onClick={() => setLang(lang === "fr" ? "en" : "fr")}>
          {t("lang_switch")}
        </button>
      </header>
      <main id="main" tabIndex={-1}>{view}</main>
    </>
  );
}

// The first render waits a little for the answers boot.ts asked for (the
// codebook, the first page of events), so that it shows them at once
// rather than "loading" and a second render.
performance.mark("entente:app");
settlePrefetches(300)
  .then(() => (hasArrived("/api/codes") ? codebook().then(() => {}) : undefined))
  .catch(() => {})
  .then(() => {
    performance.mark("entente:render");
    render(<App />, document.getElementById("app")!);
    performance.mark("entente:rendered");
  });
