package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/parquet-go/parquet-go"

	"entente"
	"entente/internal/api"
	"entente/internal/pipeline"
	"entente/internal/read"
	"entente/internal/store/sqlite"
)

// -screenshots writes the views' screenshots to web/screenshots (the
// README shows them); without it they go to the test's temporary folder.
var screenshots = flag.Bool("screenshots", false, "write screenshots to web/screenshots")

const chromium = "/usr/bin/chromium"

const token = "ui-test-token"

// serve ingests testdata/articles.jsonl into a new SQLite store with the
// real pipeline and serves the real API and UI over it.
func serve(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	p, err := pipeline.Load(pipeline.Knowledge(""))
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ui.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	var ingestErr error
	n := 0
	err = read.Path(ctx, filepath.Join("testdata", "articles.jsonl"), read.Options{}, func(doc *entente.Document, rerr error) {
		if rerr != nil {
			ingestErr = errors.Join(ingestErr, rerr)
			return
		}
		if err := p.Code(t.Context(), doc); err != nil {
			ingestErr = errors.Join(ingestErr, fmt.Errorf("code %s: %w", doc.ID, err))
			return
		}
		if _, err := st.Ingest(ctx, doc, nil); err != nil {
			ingestErr = errors.Join(ingestErr, fmt.Errorf("ingest %s: %w", doc.ID, err))
		}
		n++
	})
	if err = errors.Join(err, ingestErr); err != nil {
		t.Fatalf("ingest fixtures: %v", err)
	}
	if n < 5 {
		t.Fatalf("ingested %d fixture documents, want at least 5", n)
	}
	h, err := api.New(st, p, api.Options{Token: token})
	if err != nil {
		t.Fatalf("api: %v", err)
	}
	return newServer(t, h)
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// browser starts headless Chromium; it skips the test when Chromium is
// missing, unless CI is set.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (apt-get install -y chromium): %v", chromium, err)
		}
		t.Skipf("skipping the browser test: %s is missing (apt-get install -y chromium)", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.WindowSize(1440, 900),
		chromedp.Flag("lang", "en-US"),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first run starts the browser, on a context without a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	// An alert would mean that article text ran as script.
	err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			t.Errorf("a dialog opened (%q): article text ran as script", d.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	})
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// do runs steps, failing the test with what on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for i, step := range steps {
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(sctx, step)
		cancel()
		if err != nil {
			t.Fatalf("%s: step %d: %v\n%s", what, i+1, err, describePage(ctx))
		}
	}
}

// describePage describes the page for a failure message: its URL and text.
func describePage(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 2000)`))
	if err != nil {
		return "(page unreadable: " + err.Error() + ")"
	}
	return s
}

// get runs one action and returns its value.
func get[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	do(t, ctx, "settle", chromedp.Sleep(300*time.Millisecond))
	png := get(t, ctx, "screenshot "+name, chromedp.FullScreenshot(100)) // 100 makes a PNG, less a JPEG
	dir := t.TempDir()
	if *screenshots {
		dir = "screenshots"
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

// paintedJS counts the pixels that are not transparent on the canvases
// under a selector.
const paintedJS = `(sel) => {
  let n = 0;
  for (const c of document.querySelectorAll(sel + " canvas")) {
    if (!c.width || !c.height) continue;
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
  }
  return n;
}`

func painted(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return get(t, ctx, "count painted pixels of "+sel, chromedp.Evaluate[int](fmt.Sprintf("(%s)(%q)", paintedJS, sel)))
}

type css = chromedp.CSS

// every polls on a timer: requestAnimationFrame, the default, may not run
// in a headless tab.
var every = chromedp.WithPollingInterval(50 * time.Millisecond)

// visible waits until an element matching sel is on the page and shown.
// (It polls: the UI re-renders, and a node found early may be replaced.)
func visible(sel string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[chromedp.Void](fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0; })()`, sel), every)
	// A poll started while a page is replaced by another (a reload) may
	// ask the old page's context, which is gone: ask again.
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for {
			_, err := chromedp.Run(ctx, poll)
			if err == nil || !strings.Contains(err.Error(), "Cannot find context") {
				return err
			}
			select {
			case <-ctx.Done():
				return err
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return get(t, ctx, "read "+sel, chromedp.Text(css(sel)))
}

func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return get(t, ctx, "count "+sel, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
}

func TestUI(t *testing.T) {
	srv := serve(t)
	ctx := browser(t)
	base := srv.URL + "/"

	t.Log("events table, in English")
	do(t, ctx, "open the events table",
		chromedp.Navigate(base+"#/events"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.setItem("entente.lang", "en")`))
			return err
		}),
		chromedp.Reload(),
		visible(`#events-table tbody tr`),
	)
	if rows := count(t, ctx, "#events-table tbody tr"); rows < 8 {
		t.Errorf("the events table shows %d rows, want the fixtures' events (at least 8)", rows)
	}
	var total struct{ Events, Undated int }
	getJSON(t, srv.URL+"/api/count", &total)
	// The total is filled by its own request, after the rows: wait for it.
	do(t, ctx, "wait for the total",
		chromedp.Poll[chromedp.Void](`!!document.querySelector("#total")?.dataset.total`, chromedp.WithPollingTimeout(20*time.Second), every))
	if got := get(t, ctx, "read the total", chromedp.Evaluate[string](`document.querySelector("#total")?.dataset.total || ""`)); got != fmt.Sprint(total.Events) {
		t.Errorf("the total above the table reads %q, want %d", got, total.Events)
	}
	if n := count(t, ctx, "#quad-legend .quad"); n != 4 {
		t.Errorf("the QuadClass legend has %d badges, want 4", n)
	}
	checkDownloads(t, ctx, total.Events)
	shot(t, ctx, "events")

	t.Log("actor search by a Cyrillic alias")
	do(t, ctx, "search Путин",
		chromedp.Click(css(`#f-actor`)),
		// as an input method or a paste enters it: the whole word at once
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: "Путин"})
			return err
		}),
	)
	// The list follows the typing; wait for the answer to the whole word.
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelector("#f-actor-list li")?.textContent.includes("Vladimir Putin")`, chromedp.WithPollingTimeout(5*time.Second), every)); err != nil {
		t.Fatalf("the first suggestion for %q is %q, want Vladimir Putin (%v); asked: %s", get(t, ctx, "read the field", chromedp.Value(css("#f-actor"))), text(t, ctx, "#f-actor-list li"), err,
			get(t, ctx, "list requests", chromedp.Evaluate[string](`performance.getEntriesByType("resource").map(e => decodeURIComponent(e.name)).filter(n => n.includes("/api/actors")).join(" ; ")`)))
	}
	shot(t, ctx, "actor-search")
	do(t, ctx, "pick the suggestion by keyboard and apply",
		chromedp.SendKeys(css(`#f-actor`), kb.ArrowDown),
		chromedp.SendKeys(css(`#f-actor`), kb.Enter), // picks the suggestion
		chromedp.Poll[chromedp.Void](`document.querySelector("#f-actor").value === "vladimir-putin"`, every),
		chromedp.SendKeys(css(`#f-actor`), kb.Enter), // submits the form
		chromedp.Poll[chromedp.Void](`location.hash.includes("actor=")`, every),
		chromedp.Sleep(500*time.Millisecond),
		visible(`#events-table tbody tr`),
	)
	hash := get(t, ctx, "read the URL", chromedp.Evaluate[string](`decodeURIComponent(location.hash)`))
	if csv := get(t, ctx, "read the CSV link", chromedp.Evaluate[string](`document.querySelector("#download a[data-format=csv]").href`)); !strings.Contains(csv, "actor=vladimir-putin") {
		t.Errorf("the CSV download after filtering is %s, want the actor filter in it", csv)
	}
	if table := text(t, ctx, "#events-table tbody"); !strings.Contains(table, "Putin") || strings.Contains(table, "Lukashenko") {
		t.Errorf("after filtering (%s) the table reads %q, want Putin's events only", hash, table)
	}

	t.Log("event detail: the evidence of the article with a script tag")
	do(t, ctx, "open the event whose evidence holds a script tag",
		chromedp.Click(chromedp.Search(`//a[contains(@class,"excerpt")][contains(., "<script>")]`)),
		visible(`.doctext mark.evidence`),
	)
	evidence := text(t, ctx, ".doctext mark.evidence")
	if !strings.Contains(evidence, "<script>alert(1)</script>") || !strings.Contains(evidence, "Putin thanked China") {
		t.Errorf("the evidence highlight reads %q, want the sentence with its script tag as text", evidence)
	}
	if tr := text(t, ctx, ".doctext mark.evidence mark.trigger"); tr != "thanked" {
		t.Errorf("the trigger mark reads %q, want %q", tr, "thanked")
	}
	if n := count(t, ctx, "main script, main img, main iframe"); n != 0 {
		t.Errorf("article text made %d script, img or iframe elements", n)
	}
	if s := text(t, ctx, ".doctext"); !strings.Contains(s, "Russian President Vladimir Putin met Chinese President Xi Jinping") {
		t.Errorf("the original text around the evidence is missing: %q", s)
	}
	shot(t, ctx, "event")

	t.Log("event detail of an event with a place: the small map")
	do(t, ctx, "open an event with a place",
		chromedp.Navigate(base+"#/events?q=Minsk&code=042"),
		visible(`#events-table tbody tr a.excerpt`),
		chromedp.Click(css(`#events-table tbody tr a.excerpt`)),
		visible(`.smallmap path.leaflet-interactive`),
	)
	if role := text(t, ctx, "dl.facts dd .role"); !strings.Contains(strings.ToLower(role), "defence minister") {
		t.Errorf("Shoigu's role on 2024-02-20 reads %q, want defence minister", role)
	}
	shot(t, ctx, "event-map")

	t.Log("an act with no named target: the target is unspecified")
	do(t, ctx, "find the demand with no target",
		chromedp.Navigate(base+"#/events?q=explanation"),
		visible(`#events-table tbody tr a.excerpt`),
	)
	if cell := text(t, ctx, "#events-table tbody tr td:nth-child(4)"); cell != "— unspecified" {
		t.Errorf("the target cell of Greece's demand reads %q, want %q", cell, "— unspecified")
	}
	do(t, ctx, "open it",
		chromedp.Click(css(`#events-table tbody tr a.excerpt`)),
		visible(`dl.facts`),
	)
	if facts := text(t, ctx, "dl.facts"); !strings.Contains(facts, "unspecified") || strings.Count(facts, "no known role") > 1 {
		t.Errorf("the event's facts read %q, want an unspecified target without a role", facts)
	}
	if links := text(t, ctx, "p.links"); !strings.Contains(links, "Timeline of Greece") || strings.Contains(links, "dyad") {
		t.Errorf("the event's links read %q, want Greece's own", links)
	}
	shot(t, ctx, "event-unspecified")

	t.Log("a document read from a file: no path as its publisher")
	do(t, ctx, "open the desk memo's event",
		chromedp.Navigate(base+"#/events?q=closure"),
		visible(`#events-table tbody tr a.excerpt`),
		chromedp.Click(css(`#events-table tbody tr a.excerpt`)),
		visible(`.mention .publisher`),
	)
	if pub, title := text(t, ctx, ".mention .publisher"), text(t, ctx, ".mention h3"); strings.Contains(pub, "doc:") || strings.Contains(pub, "notes/") || !strings.Contains(pub, "unknown") || title != "Desk memo on the northern border" {
		t.Errorf("the memo's mention reads %q, %q; want its title and an unknown publisher, no path", title, pub)
	}

	t.Log("timeline of all events: the undated ones are counted")
	do(t, ctx, "open the timeline without filters",
		chromedp.Navigate(base+"#/timeline?interval=month"),
		visible(`#timeline canvas`),
		visible(`#undated`),
	)
	if total.Undated == 0 {
		t.Errorf("the fixtures have no undated event (the desk memo's should be)")
	}
	if got := get(t, ctx, "read the undated note", chromedp.Evaluate[string](`document.querySelector("#undated").dataset.undated`)); got != fmt.Sprint(total.Undated) {
		t.Errorf("the timeline says %s undated events, want %d: %q", got, total.Undated, text(t, ctx, "#undated"))
	}
	shot(t, ctx, "timeline-undated")

	t.Log("timeline of an actor, with a brush")
	do(t, ctx, "open the timeline",
		chromedp.Navigate(base+"#/timeline?actor=vladimir-putin&interval=month"),
		visible(`#timeline canvas`),
		visible(`#events-table tbody tr`),
		chromedp.Sleep(300*time.Millisecond),
	)
	if n := painted(t, ctx, "#timeline"); n < 200 {
		t.Errorf("the timeline canvas has %d painted pixels, want bars", n)
	}
	shot(t, ctx, "timeline")
	box := get(t, ctx, "find the plot area", chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector("#timeline .u-over").getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`))
	x0, x1, y := box[0]+5, box[0]+box[2]-5, box[1]+box[3]/2
	do(t, ctx, "drag across the plot",
		chromedp.MouseEvent(chromedp.MouseMoved, x0, y),
		chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft),
		chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
		chromedp.Poll[chromedp.Void](`location.hash.includes("from=") && location.hash.includes("to=")`, chromedp.WithPollingTimeout(5*time.Second), every),
	)

	t.Log("network graph")
	do(t, ctx, "open the graph",
		chromedp.Navigate(base+"#/graph"),
		visible(`#graph canvas`),
		chromedp.Sleep(500*time.Millisecond),
	)
	if n := painted(t, ctx, "#graph"); n < 500 {
		t.Errorf("the graph canvas has %d painted pixels, want nodes and edges", n)
	}
	if n := count(t, ctx, "#graph-legend .legend-item"); n != 3 {
		t.Errorf("the graph legend has %d items, want node, edge and the Goldstein scale", n)
	}
	nodes := func() string {
		return get(t, ctx, "read the actors", chromedp.Evaluate[string](`document.querySelector(".listing details:first-child ul").textContent`))
	}
	people := nodes()
	shot(t, ctx, "graph")
	do(t, ctx, "merge people into their country",
		chromedp.Click(css(`#f-merge`)),
		chromedp.Poll[chromedp.Void](`location.hash.includes("merge=1")`, every),
		chromedp.Sleep(500*time.Millisecond),
		visible(`#graph canvas`),
	)
	merged := nodes()
	if !strings.Contains(people, "Vladimir Putin") || strings.Contains(merged, "Vladimir Putin") || !strings.Contains(merged, "Russia") {
		t.Errorf("merging people into countries: actors %q became %q, want Putin drawn as Russia", people, merged)
	}
	if n := painted(t, ctx, "#graph"); n < 500 {
		t.Errorf("the merged graph has %d painted pixels", n)
	}
	shot(t, ctx, "graph-merged")

	t.Log("map")
	do(t, ctx, "open the map",
		chromedp.Navigate(base+"#/map"),
		visible(`#map path.leaflet-interactive`),
	)
	countries, places := count(t, ctx, "#map svg path"), count(t, ctx, "#map path.place, #map path.cluster")
	if countries < 100 || places == 0 {
		t.Errorf("the map has %d paths and %d place markers, want the world's outline and the fixtures' places", countries, places)
	}
	if n := count(t, ctx, "#map-legend .sym.place, #map-legend .sym.cluster"); n != 2 {
		t.Errorf("the map legend has %d symbols, want a place and a cluster", n)
	}
	shot(t, ctx, "map")

	t.Log("code an article, then store it")
	article := "LONDON - British Prime Minister Keir Starmer met French President Emmanuel Macron in London on Thursday. " +
		"Macron praised Britain for its support to Ukraine. <b>bold?</b>"
	do(t, ctx, "code a pasted article",
		chromedp.Navigate(base+"#/code"),
		visible(`#c-text`),
		chromedp.SendKeys(css(`#c-text`), article),
		chromedp.Click(css(`#c-code`)),
		visible(`.coded-list li mark.trigger`),
	)
	if coded := text(t, ctx, ".coded-list"); !strings.Contains(coded, "Macron") {
		t.Errorf("the coded article shows %q, want Macron's events", coded)
	}
	shot(t, ctx, "code")
	do(t, ctx, "store it with the token",
		chromedp.SendKeys(css(`#c-token`), token),
		chromedp.Click(css(`#c-store`)),
		visible(`p.ok`),
	)
	if s := text(t, ctx, "p.ok"); !strings.Contains(s, "Stored as document") {
		t.Errorf("storing reads %q", s)
	}

	t.Log("French interface")
	do(t, ctx, "switch to French", chromedp.Click(css(`button.lang`)))
	if nav := text(t, ctx, "#nav-events"); nav != "Événements" {
		t.Errorf("after switching language the first tab reads %q, want Événements", nav)
	}
	do(t, ctx, "open the French events table",
		chromedp.Navigate(base+"#/events?lang=fr"),
		visible(`#events-table tbody tr`),
	)
	shot(t, ctx, "events-fr")
}

// getJSON decodes the JSON answer of a GET.
func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// checkDownloads follows the Download links of the events view and reads
// what they give: a CSV with a header and one record per event, JSON
// Lines with one line per event, and a Parquet file of as many rows.
func checkDownloads(t *testing.T, ctx context.Context, events int) {
	t.Helper()
	links := get(t, ctx, "read the download links", chromedp.Evaluate[map[string]string](
		`Object.fromEntries([...document.querySelectorAll("#download a")].map(a => [a.dataset.format, a.href]))`))
	for _, f := range []string{"csv", "jsonl", "parquet", "gdelt"} {
		if links[f] == "" {
			t.Errorf("no %s download link (links: %v)", f, links)
		}
	}
	body := func(url string) []byte {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("GET %s: %s %v, Content-Disposition %q", url, resp.Status, err, resp.Header.Get("Content-Disposition"))
		}
		return b
	}
	if links["csv"] != "" {
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body(links["csv"]), []byte("\ufeff")))).ReadAll()
		if err != nil || len(records) != events+1 || len(records[0]) < 2 || records[0][0] != "id" {
			t.Errorf("the CSV download: %d records (want a header and %d), %v", len(records), events, err)
		}
	}
	if links["jsonl"] != "" {
		if n := bytes.Count(body(links["jsonl"]), []byte("\n")); n != events {
			t.Errorf("the JSON Lines download has %d lines, want %d", n, events)
		}
	}
	if links["parquet"] != "" {
		b := body(links["parquet"])
		f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Errorf("the Parquet download: %v", err)
		} else if f.NumRows() != int64(events) {
			t.Errorf("the Parquet download has %d rows, want %d", f.NumRows(), events)
		}
	}
}
