// The filter form shared by the events table, the timeline, the graph and
// the map. It edits a copy of the URL's parameters; Apply (or Enter in any
// field) writes them back to the URL.
import { useEffect, useState } from "preact/hooks";
import { Code, Params } from "../api";
import { codebook, loadedCodebook } from "../codes";
import { T, modalityNames, Lang } from "../i18n";
import { ActorBox } from "../ui";

export function Filters(props: { t: T; lang: Lang; params: Params; onApply: (p: Params) => void; extra?: preact.ComponentChildren }) {
  const { t } = props;
  const [p, setP] = useState<Params>(props.params);
  const [codes, setCodes] = useState<Code[]>(() => [...(loadedCodebook() || new Map()).values()]);
  useEffect(() => setP(props.params), [JSON.stringify(props.params)]);
  useEffect(() => {
    if (!loadedCodebook()) codebook().then((m) => setCodes([...m.values()]), () => {});
  }, []);

  const set = (k: string) => (v: string) => setP((o) => ({ ...o, [k]: v }));
  const onField = (k: string) => (e: Event) => set(k)((e.target as HTMLInputElement).value);
  const [dyA, dyB] = (p.dyad || "").split(",");
  const setDyad = (i: number) => (v: string) =>
    setP((o) => {
      const d = (o.dyad || "").split(",");
      d[i] = v;
      const s = (d[0] || "") + "," + (d[1] || "");
      return { ...o, dyad: s === "," ? "" : s };
    });
  const roots = codes.filter((c) => c.code.length === 2);
  // The ~300 code suggestions are built when the code field is first
  // used, not on the first screen.
  const [codeList, setCodeList] = useState(false);

  function submit(e: Event) {
    e.preventDefault();
    const out: Params = {};
    for (const [k, v] of Object.entries(p)) if (v && k !== "cursor") out[k] = v.trim();
    props.onApply(out);
  }

  return (
    <form class="filters" onSubmit={submit} aria-label={t("filters")}>
      <ActorBox id="f-actor" label={t("actor")} hint={t("actor_hint")} value={p.actor || ""} onChange={set("actor")} />
      <ActorBox id="f-dyad-a" label={t("dyad_a")} value={dyA || ""} onChange={setDyad(0)} />
      <ActorBox id="f-dyad-b" label={t("dyad_b")} value={dyB || ""} onChange={setDyad(1)} />
      <div class="field check">
        <label>
          <input type="checkbox" checked={p.undirected === "1"} onChange={(e) => set("undirected")((e.target as HTMLInputElement).checked ? "1" : "")} /> {t("undirected")}
        </label>
      </div>
      <div class="field">
        <label for="f-root">{t("root")}</label>
        <select id="f-root" value={(p.code || "").slice(0, 2)} onChange={onField("code")}>
          <option value="">{t("any")}</option>
          {roots.map((c) => (
            <option value={c.code}>
              {c.code} {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-code">{t("code")}</label>
        <input id="f-code" list="f-codes" value={p.code || ""} onInput={onField("code")} onFocus={() => setCodeList(true)} size={6} />
        <datalist id="f-codes">
          {codeList &&
            codes.map((c) => (
              <option value={c.code}>{c.name}</option>
            ))}
        </datalist>
      </div>
      <div class="field">
        <label for="f-quad">{t("quad")}</label>
        <select id="f-quad" value={p.quad || ""} onChange={onField("quad")}>
          <option value="">{t("any")}</option>
          {[1, 2, 3, 4].map((q) => (
            <option value={String(q)}>{t(("quad" + q) as any)}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-modality">{t("modality")}</label>
        <select id="f-modality" value={p.modality || ""} onChange={onField("modality")}>
          <option value="">{t("any")}</option>
          {Object.entries(modalityNames[props.lang]).map(([k, v]) => (
            <option value={k}>{v}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-lang">{t("language")}</label>
        <select id="f-lang" value={p.lang || ""} onChange={onField("lang")}>
          <option value="">{t("any")}</option>
          <option value="fr">français</option>
          <option value="en">English</option>
        </select>
      </div>
      <div class="field">
        <label for="f-from">{t("from")}</label>
        <input id="f-from" type="date" value={p.from || ""} onInput={onField("from")} />
      </div>
      <div class="field">
        <label for="f-to">{t("to")}</label>
        <input id="f-to" type="date" value={p.to || ""} onInput={onField("to")} />
      </div>
      <div class="field">
        <label for="f-country">{t("country")}</label>
        <input id="f-country" value={p.country || ""} onInput={onField("country")} size={4} maxLength={3} pattern="[A-Za-z]{3}" />
      </div>
      <div class="field">
        <label for="f-place">{t("place_country")}</label>
        <input id="f-place" value={p.place_country || ""} onInput={onField("place_country")} size={4} maxLength={3} pattern="[A-Za-z]{3}" />
      </div>
      <div class="field grow">
        <label for="f-q">{t("text")}</label>
        <input id="f-q" type="search" value={p.q || ""} onInput={onField("q")} />
      </div>
      {props.extra}
      <div class="field buttons">
        <button type="submit" class="primary">{t("apply")}</button>
        <button type="button" onClick={() => props.onApply({})}>{t("reset")}</button>
      </div>
    </form>
  );
}
