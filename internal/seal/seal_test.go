package seal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen_RoundTripRandomNonceKeyID(t *testing.T) {
	r, err := NewKeyring(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	const id = "110105194912310029"
	a, b := r.Seal(id), r.Seal(id)
	if a == b {
		t.Error("two seals of one value are equal: the nonce is not random")
	}
	if strings.Contains(a, id) || !IsSealed(a) || KeyOf(a) != r.ID() {
		t.Errorf("sealed value %q", a)
	}
	for _, s := range []string{a, b} {
		if got, err := r.Open(s); err != nil || got != id {
			t.Errorf("Open(%q) = %q, %v", s, got, err)
		}
	}
	if r.Seal("") != "" {
		t.Error("the empty value is sealed")
	}
	// Clear text (before the migration) comes back as it is.
	if got, err := r.Open(id); err != nil || got != id || IsSealed(id) {
		t.Errorf("clear value: %q %v", got, err)
	}
}

func TestOpen_RefusesTamperedAndForeign(t *testing.T) {
	r, _ := NewKeyring(NewKey())
	other, _ := NewKeyring(NewKey())
	s := r.Seal("91410300MA40000000")
	body := []byte(s)
	body[len(body)-3] ^= 1
	if _, err := r.Open(string(body)); err == nil {
		t.Error("a tampered value opened")
	}
	// The key id is authenticated: a value relabelled with another key id fails.
	relabel := prefix + other.ID() + s[len(prefix)+16:]
	if _, err := other.Open(relabel); err == nil {
		t.Error("a relabelled value opened")
	}
	if _, err := other.Open(s); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("foreign key: %v", err)
	}
}

func TestBlindIndex_EqualForEqualValuesKeyed(t *testing.T) {
	r, _ := NewKeyring(NewKey())
	other, _ := NewKeyring(NewKey())
	if r.BlindIndex("A") != r.BlindIndex("A") || r.BlindIndex("A") == r.BlindIndex("B") {
		t.Error("blind index not deterministic or not distinct")
	}
	if r.BlindIndex("A") == other.BlindIndex("A") {
		t.Error("blind index does not depend on the key")
	}
	if len(r.BlindIndex("A")) != 32 || r.BlindIndex("") != "" {
		t.Errorf("blind index %q", r.BlindIndex("A"))
	}
}

func TestKeyring_RotationReadsBoth(t *testing.T) {
	old, _ := NewKeyring(NewKey())
	nw, _ := NewKeyring(NewKey())
	s := old.Seal("x")
	both := old.Plus(nw)
	if both.ID() != nw.ID() || !both.Has(old.ID()) {
		t.Fatalf("Plus: %v", both.IDs())
	}
	if got, err := both.Open(s); err != nil || got != "x" {
		t.Errorf("old value under the rotated keyring: %q %v", got, err)
	}
	if KeyOf(both.Seal("y")) != nw.ID() {
		t.Error("seals with the old key after Plus")
	}
	if back := both.WithCurrent(old.ID()); back == nil || back.ID() != old.ID() || !back.Has(nw.ID()) {
		t.Error("WithCurrent")
	}
	p, err := ParseKeys(both.Encode())
	if err != nil || strings.Join(p.IDs(), ",") != strings.Join(both.IDs(), ",") {
		t.Errorf("Encode/ParseKeys: %v %v", p, err)
	}
	if string(both.Derive("audit")) == string(old.Derive("audit")) || string(both.DeriveFor(old.ID(), "audit")) != string(old.Derive("audit")) {
		t.Error("Derive")
	}
}

func TestLoad_DefaultFileCreated0600AndChecked(t *testing.T) {
	t.Setenv(EnvKey, "")
	t.Setenv(EnvKeyFile, "")
	dir := t.TempDir()
	def := filepath.Join(dir, "fazhi.db.key")
	r, created, err := Load(Source{Default: def})
	if err != nil || !created {
		t.Fatalf("Load: %v %v", created, err)
	}
	st, _ := os.Stat(def)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %04o", st.Mode().Perm())
	}
	again, created, err := Load(Source{Default: def})
	if err != nil || created || again.ID() != r.ID() {
		t.Errorf("second Load: %v %v", created, err)
	}
	os.Chmod(def, 0o644)
	if _, _, err := Load(Source{Default: def}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a world-readable key file: %v", err)
	}
	if _, _, err := Load(Source{File: filepath.Join(dir, "missing.key")}); err == nil {
		t.Error("a missing --data-key file is created instead of refused")
	}
	t.Setenv(EnvKey, strings.TrimSpace(r.Encode()))
	if e, _, err := Load(Source{Default: filepath.Join(dir, "other.key")}); err != nil || e.ID() != r.ID() {
		t.Errorf("environment key: %v", err)
	}
	t.Setenv(EnvKey, "bm90IGEga2V5")
	if _, _, err := Load(Source{}); err == nil {
		t.Error("a short key accepted")
	}
	t.Setenv(EnvKey, "")
	if _, _, err := Load(Source{}); err == nil || !strings.Contains(err.Error(), EnvKey) {
		t.Errorf("no key and no default: %v", err)
	}
}
