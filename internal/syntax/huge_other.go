//go:build !linux

package syntax

// hugeSlice returns a zeroed slice of n values (huge pages are asked for on
// Linux only).
func hugeSlice[T uint32 | uint64](n int) []T { return make([]T, n) }

// settle does nothing (huge pages are asked for on Linux only).
func settle[T uint32 | uint64](s []T) {}
