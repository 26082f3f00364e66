package syntax

// Features are hashed, never built as strings: a feature is a template
// number mixed with the hashes of the values it combines.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix folds v into h (a 64-bit finaliser after an xor-multiply step).
func mix(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// feat1, feat2 and feat3 hash a template with one, two or three values.
// The model keeps 32 bits of each.
func feat1(t, a uint64) uint32       { return fold(mix(mix(t, a), 1)) }
func feat2(t, a, b uint64) uint32    { return fold(mix(mix(mix(t, a), b), 2)) }
func feat3(t, a, b, c uint64) uint32 { return fold(mix(mix(mix(mix(t, a), b), c), 3)) }

func fold(h uint64) uint32 { return uint32(h ^ h>>32) }
