// The network graph of actors. The canvas is for the mouse; the lists of
// actors and dyads under it give the same links to the keyboard.
import { useEffect, useRef } from "preact/hooks";
import { ActorCount, Edge, Graph, Params, actorLabel, actorRef, filters, get, unspecified } from "../api";
import { Lang, T } from "../i18n";
import { go, href } from "../route";
import { ErrorBox, GoldsteinScale, goldColour, useFetch } from "../ui";
import { Filters } from "./Filters";

// known leaves out the unspecified actor (the missing target of acts that
// name none) and its edges: it is no actor, and would tie unrelated
// actors together.
function known(g: Graph): Graph {
  const drop = new Set(g.nodes.filter((n) => unspecified(n.actor)).map((n) => n.key));
  if (!drop.size) return g;
  return { nodes: g.nodes.filter((n) => !drop.has(n.key)), edges: g.edges.filter((e) => !drop.has(e.source) && !drop.has(e.target)) };
}

// byCountry draws every actor that has a country as that country: its
// nodes become one (events added up, first and last dates widened), the
// edges between two countries are added up (mean Goldstein weighted by
// events), and edges inside one country are left out. Actors without a
// country (organisations) stay as they are.
export function byCountry(g: Graph): Graph {
  const to = (n: ActorCount) => n.actor.country || n.key;
  const nodes = new Map<string, ActorCount>();
  const names = new Map<string, string>();
  for (const n of g.nodes) {
    // A node of the country itself names it.
    if (n.actor.country && n.actor.code === n.actor.country && n.actor.name) names.set(n.actor.country, n.actor.name);
  }
  for (const n of g.nodes) {
    const k = to(n);
    const m = nodes.get(k);
    if (!m) {
      const c = n.actor.country;
      nodes.set(k, {
        ...n,
        key: k,
        actor: c ? { name: names.get(c) || c, id: null, code: c, country: c, org: null, sector: null } : n.actor,
      });
      continue;
    }
    m.events += n.events;
    if (n.first && (!m.first || n.first < m.first)) m.first = n.first;
    if (n.last && (!m.last || n.last > m.last)) m.last = n.last;
  }
  const keyOf = new Map(g.nodes.map((n) => [n.key, to(n)]));
  const edges = new Map<string, Edge>();
  for (const e of g.edges) {
    const s = keyOf.get(e.source) || e.source;
    const t = keyOf.get(e.target) || e.target;
    if (s === t) continue;
    const k = s + "\u0000" + t;
    const m = edges.get(k);
    if (!m) {
      edges.set(k, { ...e, source: s, target: t });
      continue;
    }
    m.goldstein_mean = (m.goldstein_mean * m.count + e.goldstein_mean * e.count) / (m.count + e.count);
    m.count += e.count;
  }
  return { nodes: [...nodes.values()].sort((a, b) => b.events - a.events), edges: [...edges.values()].sort((a, b) => b.count - a.count) };
}

export function GraphView({ t, lang, params }: { t: T; lang: Lang; params: Params }) {
  const f = filters(params);
  const limit = params.limit || "40";
  const merge = params.merge === "1";
  const { data: fetched, error } = useFetch(JSON.stringify({ f, limit }), (s) => get<Graph>("/api/graph", { ...f, limit }, s).then(known));
  const data = fetched && merge ? byCountry(fetched) : fetched;
  const el = useRef<HTMLDivElement>(null);
  const ref = (key: string) => {
    const n = data?.nodes.find((n) => n.key === key);
    return (n && actorRef(n.actor)) || key;
  };
  useEffect(() => {
    if (!data || !el.current) return;
    let dispose: (() => void) | undefined;
    let dead = false;
    import("../graph").then((g) => {
      if (dead || !el.current) return;
      dispose = g.network(
        el.current,
        data,
        (key) => go("events", { ...f, actor: ref(key) }),
        (s, tg) => go("events", { ...f, dyad: `${ref(s)},${ref(tg)}` }),
      );
    });
    return () => {
      dead = true;
      dispose?.();
    };
  }, [fetched, merge]);
  const names = new Map((data?.nodes || []).map((n) => [n.key, actorLabel(n.actor)]));
  return (
    <section>
      <Filters
        t={t}
        lang={lang}
        params={params}
        onApply={(p) => go("graph", { ...p, limit, merge: merge ? "1" : "" })}
        extra={
          <>
            <div class="field">
              <label for="f-limit">{t("limit")}</label>
              <select id="f-limit" value={limit} onChange={(e) => go("graph", { ...params, limit: (e.target as HTMLSelectElement).value })}>
                {["20", "40", "80", "150"].map((n) => <option value={n}>{n}</option>)}
              </select>
            </div>
            <div class="field check">
              <label title={t("merge_hint")}>
                <input
                  type="checkbox"
                  id="f-merge"
                  checked={merge}
                  onChange={(e) => go("graph", { ...params, merge: (e.target as HTMLInputElement).checked ? "1" : "" })}
                />{" "}
                {t("merge_people")}
              </label>
            </div>
          </>
        }
      />
      <p class="hint">{t("graph_hint")}</p>
      <p class="legend" id="graph-legend">
        <span class="legend-title">{t("legend")}:</span>
        <span class="legend-item"><span class="sym node" aria-hidden="true" /> {t("graph_node")}</span>
        <span class="legend-item"><span class="sym edge" aria-hidden="true" /> {t("graph_edge")}</span>
        <GoldsteinScale t={t} />
      </p>
      <ErrorBox error={error} t={t} />
      <div class="graph" id="graph" ref={el} role="img" aria-label={t("nav_graph")} />
      <div class="listing two">
        <details>
          <summary>{t("nodes")} ({data?.nodes.length || 0})</summary>
          <ul>
            {(data?.nodes || []).map((n) => (
              <li><a href={href("events", { ...f, actor: ref(n.key) })}>{actorLabel(n.actor)}</a> · {n.events}</li>
            ))}
          </ul>
        </details>
        <details>
          <summary>{t("edges")} ({data?.edges.length || 0})</summary>
          <ul>
            {(data?.edges || []).map((e) => (
              <li>
                <a href={href("events", { ...f, dyad: `${ref(e.source)},${ref(e.target)}` })}>
                  {names.get(e.source) || e.source} → {names.get(e.target) || e.target}
                </a>{" "}
                · {e.count} · <span style={{ color: goldColour(e.goldstein_mean) }}>{e.goldstein_mean.toFixed(1)}</span>
              </li>
            ))}
          </ul>
        </details>
      </div>
    </section>
  );
}
