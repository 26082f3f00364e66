// The HTTP API of `entente serve` (see internal/api): types of the wire
// format and one fetch helper. Every call the UI makes goes through get or
// post, so that errors read the same everywhere.

export interface Actor {
  name: string;
  id: string | null;
  code: string | null;
  country: string | null;
  org: string | null;
  sector: string | null;
}

export interface Place {
  name: string;
  country: string;
  lat: number;
  lon: number;
  geonames_id: number;
}

export interface Evidence {
  text: string;
  start: number; // UTF-8 byte offsets into the document text
  end: number;
  trigger: string;
}

export interface DocRef {
  id: number;
  name: string;
  title: string;
  site?: string; // the publisher's name as given; publisher is its normalised key
  publisher: string;
  url: string;
  lang: string;
  date: string | null;
}

export interface Mention {
  id: number;
  event: number;
  doc: number;
  evidence: Evidence;
  rule: string;
  confidence: number;
  attributed_to: string[] | null;
  document?: DocRef;
}

// What a stored and a freshly coded event share (the output contract's
// coding fields).
export interface EventCore {
  code: string;
  root: string;
  quad: number;
  goldstein: number;
  plover: string;
  source: Actor;
  target: Actor;
  date: string | null;
  date_precision: string | null;
  place: Place | null;
  modality: string;
}

export interface Event extends EventCore {
  id: number;
  num_mentions: number;
  num_sources: number;
  first_seen: string;
  last_seen: string;
  first_doc: number;
  source_url: string;
  excerpt: string;
  mentions?: Mention[];
  mentions_total?: number; // GET /api/events/{id}: how many mentions in all
  mentions_next?: number | null; // the mentions_offset of the next page
  source_role?: string;
  target_role?: string;
  code_name?: string;
}

export interface Document {
  id: number;
  name: string;
  url: string;
  title: string;
  publisher: string;
  lang: string;
  date: string | null;
  text: string;
  mentions: Mention[];
}

export interface ActorCount {
  key: string;
  actor: Actor;
  events: number;
  first: string | null;
  last: string | null;
  aliases?: string[];
  known?: boolean;
  roles?: { title: string; country: string; org: string; sector: string; from: string; to: string }[];
}

export interface Bucket {
  period: string;
  key: string;
  count: number;
  goldstein_sum: number;
  goldstein_mean: number;
}

// GET /api/count: how many events the filters select, and how many of
// them have no date (the timeline leaves those out).
export interface Total {
  events: number;
  undated: number;
}

export interface Edge {
  source: string;
  target: string;
  count: number;
  goldstein_mean: number;
}

export interface Graph {
  nodes: ActorCount[];
  edges: Edge[];
}

export interface PlaceCount extends Place {
  events: number;
}

export interface Code {
  code: string;
  name: string;
  root: string;
  quad: number;
  goldstein: number;
  plover: string;
}

// A coded event as POST /api/code returns it (the output contract).
export interface CodedEvent extends EventCore {
  doc: string;
  attributed_to: string[] | null;
  evidence: Evidence;
  rule: string;
  confidence: number;
}

export interface Coded {
  document: { text: string; title: string; lang: string; date: string | null };
  events: CodedEvent[];
}

export interface Stored {
  document: number;
  duplicate: boolean;
  events: number[];
}

export class APIError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = await res.text();
  let v: any = null;
  try {
    v = body ? JSON.parse(body) : null;
  } catch {
    // not JSON: the message is the status line below
  }
  if (!res.ok) {
    throw new APIError(res.status, (v && v.error) || `${res.status} ${res.statusText}`);
  }
  return v as T;
}

// apiURL is the URL get fetches: params with empty values are left out,
// the others kept in their order.
export function apiURL(path: string, params?: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// Requests boot.ts started before the app's bundle loaded, by URL, and
// the answers of those that arrived. Each is taken once: a later get of
// the same URL fetches anew.
declare global {
  interface Window {
    ententePrefetch?: Record<string, Promise<unknown>>;
  }
}
const arrived = new Map<string, unknown>();

// prefetch starts fetching url now, for a get of the same URL to take.
export function prefetch(url: string) {
  const m = (window.ententePrefetch ||= {});
  if (!m[url]) m[url] = fetch(url, { headers: { Accept: "application/json" } }).then(parse);
}

function takePrefetched(url: string): Promise<unknown> | undefined {
  const m = window.ententePrefetch;
  const p = m && m[url];
  if (p) delete m[url];
  return p;
}

// settlePrefetches waits, at most ms, for the answers boot.ts asked for,
// so that the first render can show them (see takeArrived).
export async function settlePrefetches(ms: number): Promise<void> {
  const m = window.ententePrefetch || {};
  const all = Object.entries(m).map(([url, p]) =>
    p.then(
      (v) => {
        if (m[url] === p) {
          arrived.set(url, v);
          delete m[url];
        }
      },
      () => {},
    ),
  );
  let timer: number | undefined;
  await Promise.race([Promise.all(all), new Promise((r) => (timer = window.setTimeout(r, ms)))]);
  window.clearTimeout(timer);
}

// hasArrived is true when the answer for url arrived before the first
// render and is not taken yet.
export function hasArrived(url: string): boolean {
  return arrived.has(url);
}

// takeArrived returns the answer for url that arrived before the first
// render, once; undefined when there is none.
export function takeArrived<T>(url: string): T | undefined {
  const v = arrived.get(url) as T | undefined;
  arrived.delete(url);
  return v;
}

// get fetches a JSON resource; params with empty values are left out.
export async function get<T>(path: string, params?: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
  const url = apiURL(path, params);
  if (arrived.has(url)) return takeArrived<T>(url)!;
  const early = takePrefetched(url);
  if (early) {
    try {
      return (await early) as T;
    } catch (e) {
      if (e instanceof APIError) throw e;
      // a network error: try again below
    }
  }
  return parse<T>(await fetch(url, { signal, headers: { Accept: "application/json" } }));
}

// The sort keys of the events table.
export const SORTS = ["date", "goldstein", "sources", "mentions"];

// eventsQuery is the query of the page of events that the events table
// shows for the route's params (boot.ts fetches the same one early).
export function eventsQuery(params: Params) {
  const sort = SORTS.includes(params.sort) ? params.sort : "date";
  const desc = params.desc !== "0";
  return { ...filters(params), sort, desc: desc ? "1" : "", limit: 50, cursor: params.cursor || "" };
}

export async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse<T>(await fetch(path, { method: "POST", headers, body: JSON.stringify(body) }));
}

// The filters GET /api/events, /api/series, /api/graph and /api/places share.
export const FILTERS = [
  "actor", "country", "sector", "role", "dyad", "undirected", "code", "quad", "modality",
  "lang", "from", "to", "place_country", "q", "doc",
] as const;

export type Params = Record<string, string>;

// filters keeps the filter parameters of p.
export function filters(p: Params): Params {
  const out: Params = {};
  for (const k of FILTERS) if (p[k]) out[k] = p[k];
  return out;
}

// actorRef is the value the actor and dyad filters take for an actor: its
// knowledge-base id, else its CAMEO code, country or organisation.
export function actorRef(a: Actor | null | undefined): string {
  if (!a) return "";
  return a.id || a.code || a.country || a.org || "";
}

// unspecified is true for the target of an act that names none ("Greece
// demanded an explanation"): an empty name and no other field.
export function unspecified(a: Actor | null | undefined): boolean {
  return !a || !(a.name || a.id || a.code || a.country || a.org || a.sector);
}

// actorLabel names an actor for display; "—" for an unspecified one.
export function actorLabel(a: Actor | null | undefined): string {
  if (!a) return "";
  return a.name || a.code || a.country || a.org || a.sector || "—";
}

// The download formats of GET /api/export, in the order the menu shows them.
export const EXPORTS = [
  ["csv", "CSV"],
  ["parquet", "Parquet"],
  ["jsonl", "JSON Lines"],
  ["gdelt", "GDELT TSV"],
] as const;

// exportURL is the download of the events params select, in format.
export function exportURL(format: string, params: Params): string {
  return apiURL("/api/export", { ...filters(params), format });
}

// docLabel names a document for display: its title, else the last part of
// its name (a file path or an id), never the whole path.
export function docLabel(d: { title?: string; name?: string } | null | undefined): string {
  if (!d) return "";
  if (d.title) return d.title;
  const name = (d.name || "").replace(/[\\/]+$/, "");
  return name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
}

// publisherName is a document's publisher as a reader knows it: the site
// as the input named it, else the host of its URL; "" when neither is
// known (the store's key for such a document is "doc:" and its file path,
// which names no publisher).
export function publisherName(d: { site?: string; url?: string; publisher?: string } | null | undefined): string {
  if (!d) return "";
  if (d.site && d.site.trim()) return d.site.trim();
  if (d.url && /^https?:/i.test(d.url)) {
    try {
      return new URL(d.url).hostname.replace(/^www\./, "");
    } catch {
      // not a URL after all
    }
  }
  if (d.publisher && !d.publisher.startsWith("doc:")) return d.publisher;
  return "";
}
