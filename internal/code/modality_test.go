package code

import (
	"testing"

	"entente"
)

func TestModality(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct {
		lang, text, trigger, want string
	}{
		{"en", "The army shelled the border town overnight.", "shelled", entente.Asserted},
		{"en", "The two envoys did not meet in Oslo.", "meet", entente.Negated},
		{"en", "If the rebels attack the port, the navy will respond.", "attack", entente.Conditional},
		{"en", "The guards allegedly beat the detained reporters.", "beat", entente.Alleged},
		{"fr", "Le ministre ne rencontrera pas son homologue.", "rencontrera", entente.Negated},
		{"fr", "Le ministre rencontrera son homologue à Dakar.", "rencontrera", entente.Intended},
		{"fr", "La police a arrêté trois militants à Lyon.", "arrete", entente.Asserted},
	} {
		v := testView(tt.lang, tt.text)
		m := match{litTokens: []int{at(t, v, tt.trigger)}}
		if got := c.modality(tt.lang, v, m); got != tt.want {
			t.Errorf("%s %q: modality %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestRefusal(t *testing.T) {
	c := testCoder(t)
	for _, tt := range []struct {
		lang, text, trigger string
		want                bool
	}{
		{"en", "The junta refused to sign the truce.", "sign", true},
		{"en", "The junta agreed to sign the truce.", "sign", false},
		{"fr", "La junte a refusé de signer la trêve.", "signer", true},
		{"fr", "La junte a accepté de signer la trêve.", "signer", false},
	} {
		v := testView(tt.lang, tt.text)
		m := match{litTokens: []int{at(t, v, tt.trigger)}}
		if got := c.refusal(tt.lang, v, m); got != tt.want {
			t.Errorf("%s %q: refusal %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
