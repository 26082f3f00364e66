package read

import (
	"strings"
	"testing"

	"entente"
)

func TestRulesFile(t *testing.T) {
	r, err := parseRules(chromeFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.line) == 0 || len(r.prefix) == 0 || len(r.credit) == 0 || len(r.photo) == 0 || len(r.rights) == 0 {
		t.Errorf("chrome.txt: a kind is empty: %d line, %d prefix, %d credit, %d photo, %d rights",
			len(r.line), len(r.prefix), len(r.credit), len(r.photo), len(r.rights))
	}
	if _, err := parseRules("line\tLire aussi\n"); err == nil {
		t.Error("parseRules: upper-case phrase accepted")
	}
	if _, err := parseRules("lines\tlire aussi\n"); err == nil {
		t.Error("parseRules: unknown kind accepted")
	}
}

func TestIsChrome(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		// French furniture
		{"Copyright © africanews", true},
		{"  Copyright © africanews  ", true},
		{"Tous droits réservés", true},
		{"© 2024 Le Courrier du Large. Tous droits réservés.", true},
		{"À découvrir également", true},
		{"A découvrir aussi", true},
		{"À découvrir également :", true},
		{"Lire aussi", true},
		{"Lire aussi : Le commerce maritime en pleine mutation", true},
		{"» Lire aussi", true},
		{"Lire la suite…", true},
		{"Lire la suite...", true},
		{"Voir sur Africanews", true},
		{"Partager", true},
		{"S'abonner", true},
		{"S’abonner", true},
		{"Newsletter", true},
		{"Crédit photo : Jean Exemple", true},
		{"Photo : AFP", true},
		{"Suivez-nous sur Facebook", true},
		{"Par Jean Exemple", true},
		{"Avec AFP", true},
		{"(avec AFP)", true},
		{"Source : AFP, Reuters", true},
		// English furniture
		{"© 2024 Reuters", true},
		{"All rights reserved", true},
		{"AP/AP", true},
		{"AFP/Getty Images", true},
		{"Vahid Exemple/AP", true},
		{"AP Photo/Jane Example", true},
		{"Photo: AFP", true},
		{"(Photo by Jane Example/AFP via Getty Images)", true},
		{"John Example/Anadolu Agency via Getty Images", true},
		{"Read more", true},
		{"Read more: Salmon farming under scrutiny", true},
		{"Read also", true},
		{"Related: Port fees rise again", true},
		{"Share", true},
		{"Share this article", true},
		{"Subscribe", true},
		{"Subscribe to our newsletter", true},
		{"Follow us on X", true},
		{"By Jane Example and John Example", true},
		{"Reuters", true},
		{"AFP", true},
		// lone marks and addresses
		{">", true},
		{"»", true},
		{"-", true},
		{"—", true},
		{"* * *", true},
		{"https://example.com/news/story-1", true},
		{"www.example.org", true},
		{"<https://example.com/a>", true},
		{"example.com/news/1", true},
		{"@africanews", true},
		{"#Iran #Russie", true},
		// content: real sentences, even when they name an agency
		{"", false},
		{"   ", false},
		{"Reuters reported that the talks had resumed in Geneva.", false},
		{"Selon Reuters, les discussions ont repris à Genève.", false},
		{"Les deux pays ont signé un accord, a rapporté l'AFP.", false},
		{"Share prices fell sharply in Tokyo on Monday.", false},
		{"Copyright law in France was reformed in 2006.", false},
		{"Lire aussi les déclarations du ministre publiées hier dans un long entretien accordé à la presse nationale, qui a suscité de nombreuses réactions.", false},
		{"Read more carefully, the treaty allows for an exit clause after ten years of membership.", false},
		{"By Tuesday, the negotiators had agreed on a text.", false},
		{"Par ailleurs, le ministre a rencontré des pêcheurs.", false},
		{"Subscribers in Chile lost access to the service.", false},
		{"Le Portugal et le Maroc relancent leur coopération portuaire", false},
		{"The U.S. and Canada disagreed.", false},
		{"3.5", false},
		{"Moscou et Téhéran renforcent leurs liens", false},
		{"Israel/Gaza", false},
	}
	for _, tt := range tests {
		if got := IsChrome(tt.line); got != tt.want {
			t.Errorf("IsChrome(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestChrome(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"none", "Une phrase.\nUne autre phrase.\n", nil},
		{"fr", "Titre\n\nLe ministre a parlé.\nÀ découvrir également\nLa suite.\nCopyright © africanews\nVoir sur Africanews", []string{"À découvrir également", "Copyright © africanews", "Voir sur Africanews"}},
		{"crlf", "The minister spoke.\r\nRead more\r\nShare\r\n", []string{"Read more", "Share"}},
		{"indented", "Text here.\n   >   \n", []string{"   >   "}},
		{"last line", "Text here.\nPhoto: AFP", []string{"Photo: AFP"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Chrome(tt.text)
			checkSpans(t, tt.text, spans)
			var got []string
			for _, s := range spans {
				got = append(got, tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Chrome = %q, want %q", got, tt.want)
			}
		})
	}
}

// checkSpans verifies that chrome spans are in order, inside text, not
// empty and on line boundaries.
func checkSpans(t *testing.T, text string, spans []entente.Span) {
	t.Helper()
	last := -1
	for _, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End || s.Start <= last {
			t.Fatalf("span %v out of order or bounds (text %d bytes, previous end %d)", s, len(text), last)
		}
		if s.Start > 0 && text[s.Start-1] != '\n' {
			t.Fatalf("span %v does not start a line", s)
		}
		if rest := text[s.End:]; rest != "" && !strings.HasPrefix(rest, "\n") && !strings.HasPrefix(rest, "\r\n") {
			t.Fatalf("span %v does not end a line", s)
		}
		if strings.Contains(text[s.Start:s.End], "\n") {
			t.Fatalf("span %v crosses a line break", s)
		}
		last = s.End
	}
}
