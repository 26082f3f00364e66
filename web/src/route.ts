// Hash routing: #/view/id?param=value. Every view's state lives in the URL
// so that a view can be linked and reloaded.

export interface Route {
  view: string; // events, event, timeline, graph, map, code
  id: string;
  params: Record<string, string>;
}

export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#\/?/, "");
  const qi = h.indexOf("?");
  const path = qi < 0 ? h : h.slice(0, qi);
  const query = qi < 0 ? "" : h.slice(qi + 1);
  const [view, ...rest] = path.split("/");
  const params: Record<string, string> = {};
  new URLSearchParams(query).forEach((v, k) => {
    if (v !== "") params[k] = v;
  });
  return { view: view || "events", id: decodeURIComponent(rest.join("/")), params };
}

// href builds the hash of a view; empty params are left out.
export function href(view: string, params: Record<string, string | undefined> = {}, id = ""): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${view}${id ? "/" + encodeURIComponent(id) : ""}${s ? "?" + s : ""}`;
}

export function go(view: string, params: Record<string, string | undefined> = {}, id = "") {
  location.hash = href(view, params, id);
}
