// "Code an article": paste a text or give a URL, see the events coded
// from it with their evidence (POST /api/code, nothing stored); Store
// codes and stores it (POST /api/documents, bearer token).
import { useEffect, useState } from "preact/hooks";
import { Code, Coded, CodedEvent, Stored, post } from "../api";
import { codebook, loadedCodebook } from "../codes";
import { Lang, T, modalityNames } from "../i18n";
import { href } from "../route";
import { documentSegments, sentenceSegments } from "../text";
import { ActorName, ErrorBox, QuadBadge, goldColour } from "../ui";
import { Segments } from "./EventDetail";

function CodedCard({ e, text, lang, t, names }: { e: CodedEvent; text: string; lang: Lang; t: T; names: Map<string, Code> | null }) {
  // The evidence offsets point into the document text the server returned;
  // should they not, the evidence sentence alone is shown.
  let segs = documentSegments(text, e.evidence.start, e.evidence.end, e.evidence.trigger).sentence;
  if (segs.map((s) => s.text).join("") !== e.evidence.text) segs = sentenceSegments(e.evidence.text, e.evidence.trigger);
  return (
    <li class="coded">
      <p>
        <ActorName a={e.source} t={t} /> → <QuadBadge quad={e.quad} t={t} /> <code>{e.code}</code>{" "}
        <span class="codename">{names?.get(e.code)?.name || ""}</span> → <ActorName a={e.target} t={t} /> ·{" "}
        <span title={t("goldstein")} style={{ color: goldColour(e.goldstein) }}>{e.goldstein.toFixed(1)}</span> · {e.date || t("no_date")} ·{" "}
        {modalityNames[lang][e.modality] || e.modality}
        {e.place && ` · ${e.place.name} (${e.place.country})`}
        {e.attributed_to && e.attributed_to.length > 0 && ` · ${t("attribution")}: ${e.attributed_to.join(" → ")}`}
      </p>
      <blockquote>
        <mark class="evidence">
          <Segments segs={segs} />
        </mark>
      </blockquote>
    </li>
  );
}

export function CodeArticle({ t, lang }: { t: T; lang: Lang }) {
  const [text, setText] = useState("");
  const [url, setURL] = useState("");
  const [title, setTitle] = useState("");
  const [date, setDate] = useState("");
  const [alang, setALang] = useState("");
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [coded, setCoded] = useState<Coded | null>(null);
  const [names, setNames] = useState<Map<string, Code> | null>(loadedCodebook);
  useEffect(() => {
    if (!names) codebook().then(setNames, () => {});
  }, []);
  const [stored, setStored] = useState<Stored | null>(null);

  const body = () => {
    const b: Record<string, string> = {};
    if (text.trim()) b.text = text;
    if (url.trim()) b.url = url.trim();
    if (title.trim()) b.title = title.trim();
    if (date) b.date = date;
    if (alang) b.lang = alang;
    return b;
  };

  async function run(store: boolean) {
    setBusy(true);
    setError(null);
    try {
      if (store) setStored(await post<Stored>("/api/documents", body(), token.trim()));
      else {
        setStored(null);
        // A URL is fetched by the server, which needs the token.
        setCoded(await post<Coded>("/api/code", body(), token.trim() || undefined));
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="code-article">
      <h2>{t("code_title")}</h2>
      <p class="hint">{t("code_hint")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run(false);
        }}
      >
        <div class="field grow">
          <label for="c-text">{t("article_text")}</label>
          <textarea id="c-text" rows={10} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="row">
          <div class="field grow">
            <label for="c-url">{t("article_url")}</label>
            <input id="c-url" type="url" value={url} onInput={(e) => setURL((e.target as HTMLInputElement).value)} placeholder="https://…" />
          </div>
          <div class="field grow">
            <label for="c-title">{t("article_title")}</label>
            <input id="c-title" value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="c-date">{t("article_date")}</label>
            <input id="c-date" type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="c-lang">{t("article_lang")}</label>
            <select id="c-lang" value={alang} onChange={(e) => setALang((e.target as HTMLSelectElement).value)}>
              <option value="">{t("auto")}</option>
              <option value="fr">français</option>
              <option value="en">English</option>
            </select>
          </div>
        </div>
        <div class="row">
          <button type="submit" class="primary" id="c-code" disabled={busy || (!text.trim() && !url.trim())}>{t("code_btn")}</button>
          <div class="field">
            <label for="c-token">{t("token")}</label>
            <input id="c-token" type="password" autocomplete="off" value={token} placeholder={t("token_hint")} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
          </div>
          <button type="button" id="c-store" disabled={busy || !token.trim() || (!text.trim() && !url.trim())} onClick={() => run(true)}>{t("store_btn")}</button>
        </div>
      </form>
      <ErrorBox error={error} t={t} />
      {busy && <p class="muted">{t("loading")}</p>}
      {stored && (
        <p class="ok" role="status">
          {t("stored")} {stored.document}
          {stored.duplicate && ` (${t("duplicate")})`} ·{" "}
          {stored.events.map((id) => (
            <a href={href("event", {}, String(id))}>#{id} </a>
          ))}
        </p>
      )}
      {coded && (
        <div class="coded-result" role="status">
          <h3>{coded.document.title || t("untitled")}</h3>
          <p class="meta">
            {t("language")}: {coded.document.lang || "—"} · {t("date")}: {coded.document.date || t("no_date")}
          </p>
          <p>{coded.events.length} {t("coded_n")}</p>
          {coded.events.length === 0 && <p class="muted">{t("no_coded")}</p>}
          <ol class="coded-list">
            {coded.events.map((e) => (
              <CodedCard e={e} text={coded.document.text} lang={lang} t={t} names={names} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
