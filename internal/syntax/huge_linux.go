package syntax

import (
	"syscall"
	"unsafe"
)

// hugePage is the size of the huge pages of x86-64 and arm64 Linux.
const hugePage = 2 << 20

// Not in package syscall.
const (
	madvHugepage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE, Linux 6.1
)

// hugeSlice returns a zeroed slice of n values, and when it is large asks
// the kernel to back it with huge pages. The weight tables are read at
// random: with 4 KB pages nearly every read of a table larger than the
// caches also misses the TLB and walks the page tables, and a 2 MB page
// covers 512 times more. The kernel may refuse (transparent huge pages
// "never"), which changes nothing but the speed.
func hugeSlice[T uint32 | uint64](n int) []T {
	size := int(unsafe.Sizeof(T(0)))
	if n*size < 2*hugePage {
		return make([]T, n)
	}
	s := make([]T, n+hugePage/size)
	off := (hugePage - int(uintptr(unsafe.Pointer(&s[0]))%hugePage)) % hugePage / size
	s = s[off : off+n : off+n]
	madvise(s, madvHugepage)
	return s
}

// settle asks the kernel to move s, once filled, onto huge pages now: the
// pages of memory that the Go heap had used before are small ones, which
// the kernel would otherwise gather only slowly, in the background.
func settle[T uint32 | uint64](s []T) {
	if len(s) > 0 && uintptr(unsafe.Pointer(&s[0]))%hugePage == 0 {
		madvise(s, madvCollapse)
	}
}

func madvise[T uint32 | uint64](s []T, advice int) {
	syscall.Madvise(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0]))), advice)
}
