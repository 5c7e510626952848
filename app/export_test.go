package app

import "fazhi/store"

// AuditMACWith is the chain's MAC under any key: the tests use it to
// recompute the chain as an attacker without the key would.
func AuditMACWith(key []byte, prev string, e store.AuditEntry) string { return auditMAC(key, prev, e) }

// AuditTagWith is the head's or a checkpoint's tag under any key.
func AuditTagWith(key []byte, kind string, seq int64, mac string) string {
	return auditTag(key, kind, seq, mac)
}
