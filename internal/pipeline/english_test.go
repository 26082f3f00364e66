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
