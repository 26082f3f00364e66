//go:build !unix

package main

import "time"

// cpuTime is 0 where getrusage is missing: the progress lines then show
// no CPU time.
func cpuTime() time.Duration { return 0 }
