package web

import (
	"net/http"
	"strconv"

	"fazhi/app"
	"fazhi/indicator"
	"fazhi/report"
)

// districtPoint and districtSeries give app.js a chart of fractional
// values (rates) in the shape of ChartSpec.
type districtPoint struct {
	Value float64 `json:"value"`
	Href  string  `json:"href,omitempty"`
}

type districtSeries struct {
	Name string          `json:"name"`
	Data []districtPoint `json:"data"`
}

type districtChart struct {
	Kind       string           `json:"kind"`
	Categories []string         `json:"categories"`
	Series     []districtSeries `json:"series"`
}

// DistrictCell is one district's figure in the comparison table.
type DistrictCell struct {
	Value, Rank, Last, Change string
}

// DistrictRowView is one indicator of the comparison table.
type DistrictRowView struct {
	ID, Name, Unit, Total string
	Selected              bool
	URL                   string
	Cells                 []DistrictCell
}

type districtsData struct {
	Year, PrevYear int
	Region         app.District
	Years          []Option
	Districts      []app.District
	Rows           []DistrictRowView
	Chosen         DistrictRowView
	Chart          districtChart
}

// districts is the roll-up page: the districts of a city or province side
// by side on every indicator (value, rank, last year, change), and a chart
// of the chosen indicator over the districts for the year and the year
// before. Reachable from the navigation for accounts whose scope covers
// several districts.
func (s *Server) districts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	asOf, err := s.app.AsOf(ctx)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	year, _ := strconv.Atoi(q.Get("year"))
	if year == 0 {
		year = asOf.Year()
	}
	roll, err := s.app.IndicatorsByDistrict(ctx, year, q.Get("region"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	data := districtsData{Year: year, PrevYear: year - 1, Region: roll.Region, Districts: roll.Districts}
	data.Years = yearOptions(strconv.Itoa(year), asOf.Year(), false)
	chosen := q.Get("indicator")
	if chosen == "" && len(roll.Rows) > 0 {
		chosen = roll.Rows[0].ID
		for _, row := range roll.Rows {
			if row.ID == "reconsideration.received" {
				chosen = row.ID
			}
		}
	}
	for _, row := range roll.Rows {
		v := DistrictRowView{ID: row.ID, Name: row.Name, Unit: row.Unit, Total: valueText(row.Total), Selected: row.ID == chosen,
			URL: withQuery("/districts", "year", strconv.Itoa(year), "region", roll.Region.Code, "indicator", row.ID)}
		for _, f := range row.Districts {
			c := DistrictCell{Value: valueText(f.Value), Rank: "—", Last: valueText(f.Last), Change: "—"}
			if f.Rank > 0 {
				c.Rank = strconv.Itoa(f.Rank)
			}
			if f.Change != nil {
				c.Change = report.ChangeOf(f.Value, &f.Last).DeltaText()
			}
			v.Cells = append(v.Cells, c)
		}
		data.Rows = append(data.Rows, v)
		if v.Selected {
			data.Chosen = v
			data.Chart = districtChart{Kind: "bar"}
			cur := districtSeries{Name: strconv.Itoa(year) + "年"}
			last := districtSeries{Name: strconv.Itoa(year-1) + "年"}
			for i, d := range roll.Districts {
				data.Chart.Categories = append(data.Chart.Categories, d.Name)
				cur.Data = append(cur.Data, districtPoint{Value: row.Districts[i].Value.Value})
				last.Data = append(last.Data, districtPoint{Value: row.Districts[i].Last.Value})
			}
			data.Chart.Series = []districtSeries{cur, last}
		}
	}
	s.page(w, r, http.StatusOK, "districts", "区县比较", "districts", data)
}

// valueText shows a figure in a table cell, "—" when not known.
func valueText(v indicator.Value) string {
	if v.Null {
		return "—"
	}
	return report.FormatNumber(v.Value)
}
