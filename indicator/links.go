package indicator

import (
	"fmt"
	"net/url"
)

// RecordsPathFormat is the path of the web interface's page listing the
// records behind one indicator's figure for a year: ledger ID, indicator ID,
// year. This is the one place it is defined; the report's figures link here
// and the web server serves it.
const RecordsPathFormat = "/ledgers/%s/records?indicator=%s&year=%d"

// RecordsPath returns the web page of the records behind ind's figure of
// year: for a rate or a total, the ledger of its first part.
func RecordsPath(ind *Indicator, year int) string {
	leaf := Leaves(ind)[0]
	return fmt.Sprintf(RecordsPathFormat, url.PathEscape(leaf.Ledger), url.QueryEscape(ind.ID), year)
}
