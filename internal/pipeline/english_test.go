package pipeline

import "testing"

// English sentences of our own, one table per class of error found on
// news never seen; each row names the event it must give.

// TestEnglishSummons: summoning a diplomat is an official complaint (114)
// whatever the sentence's shape: after another verb, in the passive.
func TestEnglishSummons(t *testing.T) {
	checkEvents(t, loadPipeline(t), "en", []eventCase{
		{"Turkey condemned the raid and summoned the Swedish ambassador.", "TUR", "11", "SWEGOV", "asserted"},
		{"The Nigerian foreign ministry criticised the vote and summoned the Ghanaian envoy on Friday.", "NGAGOV", "11", "GHAGOV", "asserted"},
		{"The Dutch ambassador was summoned by Hungary on Monday.", "HUN", "11", "NLDGOV", "asserted"},
	}, nil)
}

// TestEnglishPolicing: a police raid or attack on the state's own unarmed
// people or opposition is coercion (root 17), not a military fight; the
// same police against rebels, and troops, still fight (root 19).
func TestEnglishPolicing(t *testing.T) {
	checkEvents(t, loadPipeline(t), "en", []eventCase{
		{"Kenyan police raided the headquarters of an opposition party in Nairobi.", "KENCOP", "17", "KENOPP", "asserted"},
		{"Bangladeshi police raided the homes of opposition activists in Dhaka overnight.", "BGDCOP", "17", "BGDOPP", "asserted"},
		{"Colombian police raided a camp of the ELN guerrillas.", "COLCOP", "19", "COLREB", "asserted"},
		{"Israeli troops raided a refugee camp in the West Bank.", "ISRMIL", "19", "", "asserted"},
	}, nil)
}
