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

export interface Event {
  id: number;
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
  num_mentions: number;
  num_sources: number;
  first_seen: string;
  last_seen: string;
  first_doc: number;
  source_url: string;
  excerpt: string;
  mentions?: Mention[];
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
export interface CodedEvent {
  doc: string;
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

// get fetches a JSON resource; params with empty values are left out.
export async function get<T>(path: string, params?: Record<string, string | number | undefined>, signal?: AbortSignal): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return parse<T>(await fetch(s ? `${path}?${s}` : path, { signal, headers: { Accept: "application/json" } }));
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

// actorLabel names an actor for display.
export function actorLabel(a: Actor | null | undefined): string {
  if (!a) return "";
  return a.name || a.code || a.country || a.org || "?";
}
