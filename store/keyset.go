package store

import "hash/maphash"

// keySet remembers the natural keys a save inserted, each as a 128-bit
// hash (two independent 64-bit maphash sums): 16 bytes a key whatever its
// length, so a save of a million rows does not keep a million strings.
// Two different keys share both hashes with a probability of about 2^-128.
type keySet struct {
	seed [2]maphash.Seed
	m    map[[2]uint64]struct{}
}

func newKeySet() *keySet {
	return &keySet{seed: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, m: map[[2]uint64]struct{}{}}
}

// add records key and reports whether it is new.
func (s *keySet) add(key string) bool {
	h := [2]uint64{maphash.String(s.seed[0], key), maphash.String(s.seed[1], key)}
	if _, dup := s.m[h]; dup {
		return false
	}
	s.m[h] = struct{}{}
	return true
}
