package read

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestHTML(t *testing.T) {
	doc, err := HTML("testdata/page.html", mustRead(t, "testdata/page.html"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Accord portuaire entre Lisbonne et Rabat\n\nLe ministre portugais",
		"de commerce maritime.\n\nLes deux ministres",
		"\n\nLire aussi\n\n",
		"sur son ordre du jour.",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, bad := range []string{"Accueil", "chaussettes", "tracker", "color:", "Mentions légales", "Un chat élu", "Tous droits"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("Text keeps page furniture %q:\n%s", bad, doc.Text)
		}
	}
	if doc.Title != "Accord portuaire entre Lisbonne et Rabat" {
		t.Errorf("Title = %q", doc.Title)
	}
	if doc.Site != "Le Courrier du Large" {
		t.Errorf("Site = %q", doc.Site)
	}
	if doc.URL != "https://courrier-du-large.example/monde/accord-portuaire" {
		t.Errorf("URL = %q", doc.URL)
	}
	want := time.Date(2024, 8, 5, 14, 30, 0, 0, time.FixedZone("", 3*3600+1800))
	if !doc.Date.Equal(want) || doc.DateFrom != "metadata" {
		t.Errorf("Date = %v from %q, want %v from metadata", doc.Date, doc.DateFrom, want)
	}
	if _, off := doc.Date.Zone(); off != 3*3600+1800 {
		t.Errorf("Date offset %d s, want +03:30 as the page gives", off)
	}
	checkSpans(t, doc.Text, doc.Chrome)
	if len(doc.Chrome) != 1 || doc.Text[doc.Chrome[0].Start:doc.Chrome[0].End] != "Lire aussi" {
		t.Errorf("Chrome = %v, want the \"Lire aussi\" line", doc.Chrome)
	}
}

func TestHTMLMeta(t *testing.T) {
	body := "<article><p>" + strings.Repeat("Les ministres ont parlé de pêche et de ports pendant toute la journée. ", 5) + "</p></article>"
	tests := []struct {
		name, head, url string
		date            time.Time
		site, gotURL    string
	}{
		{"json-ld", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-02-01T08:00:00-05:00"}]}</script>`,
			"", time.Date(2023, 2, 1, 8, 0, 0, 0, time.FixedZone("", -5*3600)), "", ""},
		{"itemprop time", `</head><body><time itemprop="datePublished" datetime="2022-12-24">24 décembre</time>`,
			"https://www.exemple.test/a", time.Date(2022, 12, 24, 0, 0, 0, 0, time.UTC), "exemple.test", "https://www.exemple.test/a"},
		{"none", ``, "", time.Time{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>Titre</title>" + tt.head + "</head><body>" + body + "</body></html>"
			doc, err := HTML(tt.name, []byte(page), tt.url, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !doc.Date.Equal(tt.date) {
				t.Errorf("Date = %v, want %v", doc.Date, tt.date)
			}
			if tt.date.IsZero() != (doc.DateFrom == "") {
				t.Errorf("DateFrom = %q", doc.DateFrom)
			}
			if doc.Site != tt.site || doc.URL != tt.gotURL {
				t.Errorf("Site %q URL %q, want %q %q", doc.Site, doc.URL, tt.site, tt.gotURL)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	page := "<html><head><meta charset=\"iso-8859-1\"><title>T</title></head><body><p>Le pr\xe9sident a re\xe7u son homologue \xe0 Lisbonne pour parler de p\xeache et de commerce.</p></body></html>"
	doc, err := HTML("latin1.html", []byte(page), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Le président a reçu son homologue à Lisbonne") {
		t.Errorf("Text = %q", doc.Text)
	}
	// without a declared charset, the detector finds it
	undeclared := strings.Replace(page, "<meta charset=\"iso-8859-1\">", "", 1)
	doc, err = HTML("latin1.html", []byte(undeclared), "", Options{})
	if err != nil || !strings.Contains(doc.Text, "Le président a reçu son homologue à Lisbonne") {
		t.Errorf("undeclared Latin-1: %v, %v", doc, err)
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := []struct {
		name, page string
		want       error
	}{
		{"empty", "", ErrEmpty},
		{"blank", "  \n ", ErrEmpty},
		{"no text", "<html><head><title>T</title></head><body><script>x()</script></body></html>", ErrNoText},
		{"nul", "<html><body><p>a\x00b</p></body></html>", ErrBinary},
		{"nul every 500 bytes", strings.Repeat("<p>"+strings.Repeat("x", 496)+"</p>\x00", 20), ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := HTML(tt.name, []byte(tt.page), "", Options{})
			if doc != nil || !errors.Is(err, tt.want) {
				t.Fatalf("HTML = %v, %v; want %v", doc, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "read: "+tt.name+": ") {
				t.Errorf("message %q", err.Error())
			}
		})
	}
}

func TestBlockText(t *testing.T) {
	page := "<html><body><article><h2>Un  titre</h2><p>Une\n   phrase <b>en gras</b>,\tpuis<br>une ligne.</p><ul><li>un</li><li>deux</li></ul><table><tr><td>a</td><td>b</td></tr></table></article></body></html>"
	root := mustParse(t, page)
	got := blockText(root)
	want := "Un titre\n\nUne phrase en gras, puis\nune ligne.\n\nun\n\ndeux\n\na b"
	if got != want {
		t.Errorf("blockText =\n%q\nwant\n%q", got, want)
	}
}

func mustParse(t *testing.T, page string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestHTMLExtractorCases checks two ways the reader lost text that its
// extractor, run with its defaults, keeps.
func TestHTMLExtractorCases(t *testing.T) {
	body := "Les pêcheurs de trois ports bretons ont manifesté jeudi devant la préfecture pour réclamer une aide après la tempête qui a détruit une partie de leurs bateaux. Le préfet a promis de recevoir une délégation la semaine prochaine, selon un porte-parole du syndicat des marins."
	teaser := "Les marins demandent une aide de l'État après la tempête de la semaine dernière, qui a endommagé une quarantaine de bateaux."
	tests := []struct {
		name, page string
		want, bad  []string
	}{
		{
			// The page shows a standfirst and renders its body with a
			// script; the body is only in the JSON-LD. A first extraction
			// finds the standfirst alone: too short, so the extractor's
			// rescue is tried and kept.
			name: "short extraction rescued",
			page: `<html><head><title>Tempête</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Tempête","articleBody":"` + body + " " + body + `"}</script></head>` +
				`<body><article><h1>Tempête sur la côte</h1><p>` + teaser + `</p><div id="app"></div></article></body></html>`,
			want: []string{"Le préfet a promis de recevoir une délégation"},
		},
		{
			name: "table cells apart",
			page: `<html><body><article><p>` + body + `</p><table><tr><th>Port</th><th>Bateaux</th></tr><tr><td>Brest</td><td>12</td></tr><tr><td>Lorient</td><td>8</td></tr></table><p>` + body + `</p></article></body></html>`,
			want: []string{"Port Bateaux", "Brest 12", "Lorient 8"},
			bad:  []string{"PortBateaux", "Brest12"},
		},
		{
			// A short article whose extraction is all there is keeps its
			// paragraphs: the rescue, flatter, is not longer.
			name: "short article keeps its paragraphs",
			page: `<html><body><article><p>` + teaser + `</p><p>Le syndicat se réunit lundi.</p></article></body></html>`,
			want: []string{teaser + "\n\nLe syndicat se réunit lundi."},
		},
		{
			// A one-paragraph page whose title starts its text: the
			// flat rescue runs the title into the paragraph and repeats
			// it; it adds no text and is not kept (the sentence would be
			// coded twice).
			name: "short page not doubled by the rescue",
			page: `<html><head><title>Le syndicat des marins</title></head><body><article><p>Le syndicat des marins a rencontré le préfet jeudi.</p></article></body></html>`,
			want: []string{"Le syndicat des marins a rencontré le préfet jeudi."},
			bad:  []string{"marinsLe", "jeudi.\n\nLe syndicat"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := HTML("page.html", []byte(tt.page), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("Text lacks %q:\n%s", w, doc.Text)
				}
			}
			for _, b := range tt.bad {
				if strings.Contains(doc.Text, b) {
					t.Errorf("Text has %q:\n%s", b, doc.Text)
				}
			}
		})
	}
}

// TestHTMLPageClasses checks classes of pages on which the reader once
// scored below go-trafilatura run with its defaults (see
// internal/readeval); each page is our own, built to show the class.
func TestHTMLPageClasses(t *testing.T) {
	sentence := "Les garde-côtes des deux pays ont mené jeudi un exercice commun au large de Madère, avec quatre navires et un hélicoptère. "
	long := strings.Repeat(sentence, 3)
	divs := ""
	for i := range 6 {
		divs += fmt.Sprintf("<div class=\"txt\">Paragraphe %d. %s</div>", i+1, long)
	}
	tests := []struct {
		name string
		page []byte
		want []string // in Text
		bad  []string // not in Text
	}{
		{
			// The body is written in <div>s under a standfirst in a <p>:
			// the extractor takes <div>s for paragraphs when the page has
			// little <p> text for its size threshold, which must be its
			// default for that.
			name: "article written in divs",
			page: []byte("<html><body><article><h1>Exercice en mer</h1><p>" + long + "</p>" + divs + "</article></body></html>"),
			want: []string{"Paragraphe 1. Les garde-côtes", "Paragraphe 6. Les garde-côtes"},
		},
		{
			name: "soft hyphens and zero-width spaces",
			page: []byte("<html><body><article><p>" + long + "</p><p>Les gar\u00adde-c\u00f4\u00adtes ont r\u00e9u\u00adni des na\u200bvires et un h\u00e9li\u2060cop\u00adt\u00e8re.</p><p>" + long + "</p></article></body></html>"),
			want: []string{"Les garde-côtes ont réuni des navires et un hélicoptère."},
		},
		{
			// An archive's scripts fill the first kilobyte; the page's
			// own charset comes after, where the standard prescan stops.
			// A script's charset attribute is no declaration.
			name: "charset declared after the first kilobyte",
			page: []byte("<html><head>" + strings.Repeat("<script src=\"/archive/bundle.js\" charset=\"utf-8\"></script>\n", 20) +
				"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>t</title></head><body><article><p>" + long + "</p><p>" +
				"\xc1\xbd\xb9\xfa\xba\xa3\xbe\xaf\xd4\xda\xc2\xed\xb5\xc2\xc0\xad\xb8\xbd\xbd\xfc\xbe\xd9\xd0\xd0\xc1\xcb\xd1\xdd\xcf\xb0\xa1\xa3</p></article></body></html>"),
			want: []string{"两国海警在马德拉附近举行了演习。"},
		},
		{
			name: "Latin-1 declared after the first kilobyte",
			page: []byte("<html><head>" + strings.Repeat("<link rel=\"stylesheet\" href=\"/static/site-theme.css\">\n", 25) +
				"<meta charset=\"iso-8859-1\"><title>t</title></head><body><article><p>" + long + "</p><p>Les garde-c\xf4tes ont r\xe9uni quatre navires pr\xe8s de Mad\xe8re.</p></article></body></html>"),
			want: []string{"Les garde-côtes ont réuni quatre navires près de Madère."},
		},
		{
			// A server left NUL bytes between two tags of a big page:
			// browsers show it, and so do we.
			name: "a few NUL bytes between tags",
			page: []byte("<html><body><article><p>" + strings.Repeat(long, 4) + "</p>\x00\x00\x00<p>" + strings.Repeat(long, 4) + "</p></article></body></html>"),
			want: []string{"Les garde-côtes des deux pays"},
		},
		{
			// The site cut a title inside a character; the page is
			// UTF-8 all the same.
			name: "UTF-8 with a byte cut",
			page: []byte("<html><body><ul><li><a href=\"/x\">Les garde-c\xc3</a></li></ul><article><p>" + strings.Repeat(long, 4) + "</p></article></body></html>"),
			want: []string{"Les garde-côtes des deux pays"},
		},
		{
			// The extractor trims the text around inline elements of a
			// list item; the words around them stay apart.
			name: "inline elements of list items",
			page: []byte("<html><body><article><p>" + long + "</p><ul><li>Les navires <b>Albatros</b> et <b>Goéland</b> ont quitté <a href=\"/funchal\">Funchal</a> à l'aube.</li><li>Un second point de la liste.</li></ul><p>" + long + "</p></article></body></html>"),
			want: []string{"Les navires Albatros et Goéland ont quitté Funchal à l'aube."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := HTML("page.html", tt.page, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.Text, w) {
					t.Errorf("Text lacks %q:\n%s", w, doc.Text)
				}
			}
			for _, b := range tt.bad {
				if strings.Contains(doc.Text, b) {
					t.Errorf("Text has %q:\n%s", b, doc.Text)
				}
			}
		})
	}
}
