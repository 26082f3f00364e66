// Small shared pieces of the views.
import { useEffect, useRef, useState } from "preact/hooks";
import { Actor, ActorCount, Params, Total, actorLabel, actorRef, get, takeArrived, unspecified } from "./api";
import { Key, T } from "./i18n";

// goldColour maps a Goldstein value (-10..10) to a colour: red for
// conflict, grey around zero, blue for cooperation.
export function goldColour(g: number): string {
  const x = Math.max(-1, Math.min(1, g / 10));
  if (x < 0) {
    const k = -x;
    return `rgb(${Math.round(150 + 60 * k)},${Math.round(150 - 110 * k)},${Math.round(150 - 110 * k)})`;
  }
  return `rgb(${Math.round(150 - 120 * x)},${Math.round(150 - 40 * x)},${Math.round(150 + 60 * x)})`;
}

export const quadColours = ["", "#4e79a7", "#59a14f", "#f28e2b", "#e15759"];

export function QuadBadge({ quad, t }: { quad: number; t?: T }) {
  const name = t ? t(`quad${quad}` as Key) : "";
  return <span class={`quad q${quad}`} title={`QuadClass ${name || quad}`}>{quad}</span>;
}

// QuadLegend says what the QuadClass badges and colours mean.
export function QuadLegend({ t }: { t: T }) {
  return (
    <p class="legend" id="quad-legend">
      <span class="legend-title">{t("quad_legend")}:</span>
      {[1, 2, 3, 4].map((q) => (
        <span class="legend-item">
          <QuadBadge quad={q} /> {t(`quad${q}` as Key).replace(/^\d /, "")}
        </span>
      ))}
    </p>
  );
}

// GoldsteinScale shows the colours goldColour gives, from conflict to
// cooperation.
export function GoldsteinScale({ t }: { t: T }) {
  const stops = [-10, -5, 0, 5, 10].map((g) => goldColour(g)).join(", ");
  return (
    <span class="legend-item">
      <span class="scale" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" /> {t("goldstein_scale")}
    </span>
  );
}

// useTotal fetches how many events the filters select (GET /api/count).
export function useTotal(f: Params) {
  return useFetch("count" + JSON.stringify(f), (s) => get<Total>("/api/count", f, s));
}

// ActorName shows an actor's name and code; an unspecified actor (the
// target of an act that names none) shows as "— unspecified", greyed.
export function ActorName({ a, t }: { a: Actor; t: T }) {
  if (unspecified(a)) {
    return <span class="actor unspecified" title={t("unspecified_hint")}>— {t("unspecified")}</span>;
  }
  const label = actorLabel(a);
  const code = a.code && a.code !== label ? a.code : "";
  return (
    <span class="actor">
      {label}
      {code && <small> {code}</small>}
    </span>
  );
}

export function ErrorBox({ error, t }: { error: unknown; t: T }) {
  if (!error) return null;
  return <p class="error" role="alert">{t("error")}: {String((error as Error).message || error)}</p>;
}

// useFetch runs load whenever key changes, dropping stale answers. The
// answer to url that arrived before the first render (boot.ts) is shown
// at once, without a fetch.
export function useFetch<V>(key: string, load: (signal: AbortSignal) => Promise<V>, url?: string): { data: V | null; error: unknown; loading: boolean } {
  const first = useRef<V | undefined>(undefined);
  const [state, setState] = useState<{ data: V | null; error: unknown; loading: boolean }>(() => {
    first.current = url ? takeArrived<V>(url) : undefined;
    return first.current === undefined ? { data: null, error: null, loading: true } : { data: first.current, error: null, loading: false };
  });
  useEffect(() => {
    if (first.current !== undefined) {
      first.current = undefined;
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: null, loading: false }),
      (error) => !ctl.signal.aborted && setState({ data: null, error, loading: false }),
    );
    return () => ctl.abort();
  }, [key]);
  return state;
}

// ActorBox is a text field that suggests actors from GET /api/actors?q=
// (any alias, any script) as the user types. Arrow keys move through the
// suggestions, Enter picks one, Escape closes the list. The value is the
// actor's reference (knowledge-base id, else code); the text shows its name.
export function ActorBox(props: { id: string; label: string; hint?: string; value: string; onChange: (ref: string) => void }) {
  const [text, setText] = useState(props.value);
  const [items, setItems] = useState<ActorCount[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<number | undefined>(undefined);
  const ctl = useRef<AbortController | null>(null);
  // The query typed last: answers to earlier ones are dropped.
  const latest = useRef("");

  // The value the field last reported: a new props.value that differs
  // from it comes from outside (a reset, a link) and replaces the text;
  // an echo of the typing must not, or fast typing loses letters.
  const sent = useRef(props.value);
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(props.value);
    }
  }, [props.value]);
  const report = (v: string) => {
    sent.current = v;
    props.onChange(v);
  };

  function search(q: string) {
    latest.current = q;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      ctl.current?.abort();
      const c = new AbortController();
      ctl.current = c;
      get<{ actors: ActorCount[] }>("/api/actors", { q, limit: 10 }, c.signal).then(
        (r) => {
          if (q !== latest.current) return;
          setItems(r.actors || []);
          setActive(-1);
          setOpen(true);
        },
        () => {},
      );
    }, 150);
  }

  function pick(a: ActorCount) {
    const ref = actorRef(a.actor) || a.key;
    setText(ref);
    setOpen(false);
    report(ref);
  }

  function onKey(e: KeyboardEvent) {
    if (e.key === "ArrowDown" && items.length) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (e.key === "ArrowUp" && items.length) {
      e.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      pick(items[active]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  const listId = props.id + "-list";
  return (
    <div class="field combo">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={props.hint}
        value={text}
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          report(v);
          if (v.trim()) search(v.trim());
          else {
            latest.current = "";
            setOpen(false);
          }
        }}
        onKeyDown={onKey}
        onBlur={() => window.setTimeout(() => setOpen(false), 200)}
      />
      {open && items.length > 0 && (
        <ul id={listId} role="listbox" class="suggest">
          {items.map((a, i) => (
            <li
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? "active" : ""}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
            >
              <strong>{actorLabel(a.actor)}</strong>
              <small>
                {" "}
                {[a.actor.code, a.actor.country].filter(Boolean).join(" · ")} · {a.events}
              </small>
              {a.aliases && a.aliases.length > 0 && <div class="aliases">{a.aliases.slice(0, 6).join(" | ")}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
