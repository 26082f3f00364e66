package main

import (
	"context"
	"errors"
	"io"
)

// runRecode is written by the work on issue 3; until then the command says so.
func runRecode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("recode: not built yet")
}
