// Package demo generates the 偃师区 2022 demonstration data set: the unit
// tree and every ledger, written as the Excel and CSV files units really
// send, so that loading it goes through the same import path as a user's
// files and reproduces every figure of the district's 2022 法治政府建设 report
// (/work/shared/docs/ledgers.md, "Indicators").
//
// The data are generated in code, deterministically: each table draws from
// its own PCG stream seeded by its name, dates come from the built-in
// working-day calendar, and nothing reads the clock. Records of 2021 and
// 2023 surround the year so that a definition reading the wrong date field
// shows a wrong 2022 figure.
package demo

import (
	"fmt"
	"os"
	"path/filepath"
)

// File is one file of the data set.
type File struct {
	Ledger string // ledger ID, or "units" for the unit tree
	Path   string // where Write put it
	Rows   int    // data rows
}

// generators build the tables in load order: units first, then each ledger.
var generators = []func(g *gen) (*table, error){
	unitsTable,
	reconsiderationTable, litigationTable, courtlinkTable,
	normdocTable, normdocCleanupTable, contractTable,
	meetingTable, trainingTable, shufaTable, planTaskTable,
	investmentTable,
	serviceItemTable, serviceCatalogChangeTable, serviceEvaluationTable, serviceContactTable,
	bizenvIndicatorTable, bizenvIssueTable, briefingTable, specialSupervisorTable,
	caseReviewTable, handbookTable,
}

// Write generates every table into dir and returns the files in load order.
func Write(dir string) ([]File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []File
	for _, build := range generators {
		t, err := build(newGen())
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, t.file)
		if err := t.write(p); err != nil {
			return nil, fmt.Errorf("写演示数据 %s: %w", t.file, err)
		}
		out = append(out, File{Ledger: t.ledger, Path: p, Rows: len(t.rows)})
	}
	return out, nil
}
