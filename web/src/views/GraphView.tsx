// The network graph of actors. The canvas is for the mouse; the lists of
// actors and dyads under it give the same links to the keyboard.
import { useEffect, useRef } from "preact/hooks";
import { Graph, Params, actorLabel, actorRef, filters, get, unspecified } from "../api";
import { Lang, T } from "../i18n";
import { go, href } from "../route";
import { ErrorBox, goldColour, useFetch } from "../ui";
import { Filters } from "./Filters";

// known leaves out the unspecified actor (the missing target of acts that
// name none) and its edges: it is no actor, and would tie unrelated
// actors together.
function known(g: Graph): Graph {
  const drop = new Set(g.nodes.filter((n) => unspecified(n.actor)).map((n) => n.key));
  if (!drop.size) return g;
  return { nodes: g.nodes.filter((n) => !drop.has(n.key)), edges: g.edges.filter((e) => !drop.has(e.source) && !drop.has(e.target)) };
}

export function GraphView({ t, lang, params }: { t: T; lang: Lang; params: Params }) {
  const f = filters(params);
  const limit = params.limit || "40";
  const { data, error } = useFetch(JSON.stringify({ f, limit }), (s) => get<Graph>("/api/graph", { ...f, limit }, s).then(known));
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
  }, [data]);
  const names = new Map((data?.nodes || []).map((n) => [n.key, actorLabel(n.actor)]));
  return (
    <section>
      <Filters
        t={t}
        lang={lang}
        params={params}
        onApply={(p) => go("graph", { ...p, limit })}
        extra={
          <div class="field">
            <label for="f-limit">{t("limit")}</label>
            <select id="f-limit" value={limit} onChange={(e) => go("graph", { ...params, limit: (e.target as HTMLSelectElement).value })}>
              {["20", "40", "80", "150"].map((n) => <option value={n}>{n}</option>)}
            </select>
          </div>
        }
      />
      <p class="hint">{t("graph_hint")}</p>
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
