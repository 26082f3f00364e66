//go:build unix

// Package cpu reads the CPU time the process has used, which benchmarks
// and progress lines report because wall time on a shared machine says
// more about the other jobs than about ours.
package cpu

import (
	"syscall"
	"time"
)

// Time is the CPU time (user and system) the process has used.
func Time() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
