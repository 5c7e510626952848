// Package testgate keeps the suites that are slow by nature out of the
// README's `go test ./...` and in CI: .ci/run sets the variables below, so
// there every gated test runs and a missing tool fails it instead of
// skipping it. Fast tests are never gated.
//
//	FAZHI_REQUIRE_LIBREOFFICE=1  PDF conversion with LibreOffice (seconds per document)
//	FAZHI_REQUIRE_CHROMIUM=1     browser tests in headless chromium (FAZHI_BROWSER=1 runs them
//	                             where chromium is installed, skipping where it is not)
//	FAZHI_HEAVY=1                crash, load and large-data suites
//	FAZHI_REQUIRE_REPLICA=1      a PostgreSQL streaming replica made by the test (root, pg_createcluster)
//
// Set a variable to run that suite locally, e.g.
// `FAZHI_REQUIRE_LIBREOFFICE=1 go test ./gongwen/`.
package testgate

import (
	"os"
	"os/exec"
	"testing"
)

// LibreOffice runs the test only when FAZHI_REQUIRE_LIBREOFFICE=1, and then
// fails it unless LibreOffice (soffice or libreoffice) and pdftotext are on
// PATH (gongwen/install-fonts.sh installs them).
func LibreOffice(t testing.TB) {
	t.Helper()
	if os.Getenv("FAZHI_REQUIRE_LIBREOFFICE") != "1" {
		t.Skip("PDF test (LibreOffice, seconds per document): runs in CI; set FAZHI_REQUIRE_LIBREOFFICE=1 to run it here")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		if _, err := exec.LookPath("libreoffice"); err != nil {
			t.Fatal("FAZHI_REQUIRE_LIBREOFFICE=1 but neither soffice nor libreoffice is on PATH; run gongwen/install-fonts.sh")
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("FAZHI_REQUIRE_LIBREOFFICE=1 but pdftotext (poppler-utils) is not on PATH; run gongwen/install-fonts.sh")
	}
}

// Chromium runs the test only when FAZHI_REQUIRE_CHROMIUM=1 (then chromium
// must be installed) or FAZHI_BROWSER=1 (then the test skips where chromium
// is not installed). internal/browser calls it before starting chromium.
func Chromium(t testing.TB) {
	t.Helper()
	req := os.Getenv("FAZHI_REQUIRE_CHROMIUM") == "1"
	if !req && os.Getenv("FAZHI_BROWSER") != "1" {
		t.Skip("browser test (headless chromium): runs in CI; set FAZHI_REQUIRE_CHROMIUM=1 or FAZHI_BROWSER=1 to run it here")
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		if req {
			t.Fatal("FAZHI_REQUIRE_CHROMIUM=1 but chromium is not installed (apt-get install chromium)")
		}
		t.Skip("chromium is not installed; FAZHI_REQUIRE_CHROMIUM=1 makes this a failure")
	}
}

// Heavy runs a crash, load or large-data test only when FAZHI_HEAVY=1
// (.ci/run sets it); what names the suite in the skip message.
func Heavy(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("FAZHI_HEAVY") != "1" {
		t.Skipf("%s: a heavy suite, runs in CI; set FAZHI_HEAVY=1 to run it here", what)
	}
}

// Replica runs a test that creates PostgreSQL clusters of its own (a
// primary and a streaming replica, with pg_createcluster and
// pg_basebackup) only when FAZHI_REQUIRE_REPLICA=1 (.ci/run sets it), and
// then fails it unless the Debian PostgreSQL 15 cluster tools are
// installed and the test runs as root (they run the servers as postgres).
func Replica(t testing.TB) {
	t.Helper()
	if os.Getenv("FAZHI_REQUIRE_REPLICA") != "1" {
		t.Skip("streaming-replica test (creates two PostgreSQL clusters): runs in CI; set FAZHI_REQUIRE_REPLICA=1 to run it here, as root")
	}
	for _, p := range []string{"pg_createcluster", "pg_ctlcluster", "pg_dropcluster", "runuser"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("FAZHI_REQUIRE_REPLICA=1 but %s is not on PATH (apt-get install postgresql-15)", p)
		}
	}
	if os.Geteuid() != 0 {
		t.Fatal("FAZHI_REQUIRE_REPLICA=1 needs root: the test runs pg_createcluster and the servers as the postgres user")
	}
}
