package importer

import "hash/maphash"

// keySet remembers the natural keys of a file in bounded memory: each key
// is kept as a 128-bit hash (two independent 64-bit maphash sums) with the
// sheet and row it was first seen on, 20 bytes a key instead of the key's
// text — about 40 MB for a million keys, measured in docs/benchmarks.md.
// Two different keys share both hashes with a probability of about 2^-128
// per pair, so a duplicate is reported only for an equal key.
type keySet struct {
	seed [2]maphash.Seed
	m    map[[2]uint64]keyAt
}

// keyAt is where a key was first seen.
type keyAt struct {
	sheet int32 // index of the sheet in the book
	row   int32 // spreadsheet row, 1-based
}

func newKeySet() *keySet {
	return &keySet{seed: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, m: map[[2]uint64]keyAt{}}
}

// add records key at (sheet, row); when the key was seen before it
// returns where, and false.
func (s *keySet) add(key string, sheet, row int) (keyAt, bool) {
	h := [2]uint64{maphash.String(s.seed[0], key), maphash.String(s.seed[1], key)}
	if at, dup := s.m[h]; dup {
		return at, false
	}
	s.m[h] = keyAt{int32(sheet), int32(row)}
	return keyAt{}, true
}
