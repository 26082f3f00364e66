package read_test

import (
	"fmt"

	"entente/internal/read"
)

func ExampleChrome() {
	text := "Le ministre a reçu son homologue lundi.\nÀ découvrir également\nSelon Reuters, la rencontre a duré deux heures.\nCopyright © africanews\n"
	for _, s := range read.Chrome(text) {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, text[s.Start:s.End])
	}
	// Output:
	// 41-65 À découvrir également
	// 115-138 Copyright © africanews
}
