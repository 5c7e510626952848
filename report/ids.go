package report

import (
	"sort"

	"fazhi/indicator"
)

func sortedIDs(m map[string]indicator.Value) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
