package main

import (
	"context"
	"errors"
	"io"
)

// runExport is written by the work on issue 3; until then the command says so.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("export: not built yet")
}
