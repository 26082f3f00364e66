package main

import (
	"reflect"
	"strings"
	"testing"
)

// A made-up dictionary in the PETRARCH-2 verb format.
const sample = `# header
&ARMS
+RIFLE
+GUIDED_ROCKET
+SHELLS_

---  REBUKE   [111]  ---
REBUKE
SCOLD [112] # a comment
- * (FOR &ARMS)                        [1122]
- * (FOR INSULT)                       [1121]    # SCOLD
- TROOPS * ARMS                        [190]     # subject side: left out
- * QUIETLY                            [---]     # no event

---  PONDER   [---]  ---
PONDER
+MULL_OVER {+MULLS_OVER}
- * OFFER                              [042:043] # PONDER
- * RETREAT                            [:190]    # reverse only

---  SNUB   [:110]  ---
SNUB
- * ENVOY                              [999]     # not in the codebook

~ a (a b ATTACK) SAY = a b 015
`

func TestConvert(t *testing.T) {
	d, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{"111": true, "112": true, "1122": true, "1121": true, "042": true, "190": true, "110": true}
	lines, st := convert(d, codes, []string{"01"}, languages["en"])
	want := []string{
		"111 rebuke",
		"112 scold",
		"1122 rebuke|scold for rifle|rocket|shells=",
		"1121 scold for insult",
		"- rebuke|scold quietly",
		"042 ponder offer", // written for PONDER: not for "mull over"
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if st.verbs != 5 || st.before != 1 || st.unknown != 1 {
		t.Errorf("stats %+v, want 5 verbs, 1 pattern before the verb, 1 unknown code", st)
	}
}

func TestSkipRoot(t *testing.T) {
	d, err := parse(strings.NewReader("---  STATE   [010]  ---\nSTATE\n- * WORRY [012]\n- * DEAL [031]\n"))
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := convert(d, map[string]bool{"010": true, "012": true, "031": true}, []string{"01"}, languages["en"])
	want := []string{"- state", "- state worry", "031 state deal"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %q, want %q", lines, want)
	}
}

// A made-up dictionary in the UniversalPetrarch Spanish format: upper case
// with accents, reflexive infinitives, nouns among the verbs, forms in
// brackets, a block without a code, a root code, articles in patterns.
const sampleES = `&ARMA
+EL_FUSIL
+MISILES_GUIADOS

--- CRITICIZE   [111]  ---
CRITICAR
QUEJARSE_DE [114]
DECLARAR[b]
CRÍTICA
DECIR [+DICIENDO +DICHO]
- * EL USO DE &ARMA        [1122]
- * A LA POLICÍA        [10]
- LOS DOS * ACUERDO        [057]

--- DEFEND
DEFENDER
- * FRONTERA        [150]
`

func TestConvertSpanish(t *testing.T) {
	d, err := parse(strings.NewReader(sampleES))
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{"111": true, "114": true, "1122": true, "100": true, "150": true}
	lines, st := convert(d, codes, []string{"01"}, languages["es"])
	want := []string{
		"111 criticar",
		"114 quejar de",
		"111 declarar",
		"111 decir",
		"1122 criticar|decir|declarar uso de fusil|misiles",
		"100 criticar|decir|declarar a policia",
		"1122 quejar de uso de fusil|misiles",
		"100 quejar de a policia",
		"150 defender frontera",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if st.notVerb != 1 || st.before != 2 {
		t.Errorf("stats %+v, want 1 noun left out, 2 patterns before the verb", st)
	}
}
