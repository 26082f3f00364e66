package cpu

import (
	"runtime"
	"testing"
)

// TestTimeGrows: CPU spent shows in Time (on Unix, where it is read).
func TestTimeGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("no getrusage")
	}
	before := Time()
	x := 0
	for i := 0; i < 200_000_000; i++ {
		x += i & 7
	}
	if Time() <= before || x == 0 {
		t.Errorf("CPU time did not grow: %v then %v", before, Time())
	}
}
