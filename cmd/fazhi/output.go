package main

import (
	"io"

	"fazhi/internal/atomicfile"
)

// checkOutput refuses an output path that is one of the command's input
// files or the database it works on (report -o fazhi.db would replace the
// live database; --errors-out F.xlsx the clerk's own workbook).
func (a *cli) checkOutput(path string, inputs ...string) error {
	prot := []atomicfile.Protected{{Path: a.dsn, What: "正在使用的数据库"}}
	for _, in := range inputs {
		prot = append(prot, atomicfile.Protected{Path: in, What: "输入文件"})
	}
	if err := atomicfile.Check(path, prot...); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// writeOutput writes an output file whole or not at all: checked as by
// checkOutput, written to a temporary file beside it and renamed into place,
// so a killed command leaves the previous good file under path.
func (a *cli) writeOutput(path string, fn func(w io.Writer) error, inputs ...string) error {
	if err := a.checkOutput(path, inputs...); err != nil {
		return err
	}
	return atomicfile.Write(path, fn)
}

// writeOutputFile is writeOutput for content already in memory.
func (a *cli) writeOutputFile(path string, data []byte, inputs ...string) error {
	return a.writeOutput(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, inputs...)
}
