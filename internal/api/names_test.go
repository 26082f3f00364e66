package api

import "testing"

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"israel", "israel", 2, 0},
		{"isreal", "israel", 2, 1}, // a swap is one edit
		{"poutin", "poutine", 2, 1},
		{"choigu", "choigou", 2, 1},
		{"путн", "путин", 2, 1},
		{"abc", "xyz", 2, 3}, // past the limit: limit+1
		{"a", "abcdef", 2, 3},
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
