package readeval

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"text/tabwriter"

	"golang.org/x/net/html"
)

// Result is what the extractors made of one page: one text and one error
// for each extractor, in the order they were given.
type Result struct {
	Page  int // index of the page in the set
	Texts []string
	Errs  []error
}

// run extracts every page with every extractor, workers pages at a time.
// A page that cannot be read is an error of each extractor on it.
func run(ctx context.Context, paths, urls []string, ex []Extractor, workers int) ([]Result, error) {
	out := make([]Result, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := Result{Page: i, Texts: make([]string, len(ex)), Errs: make([]error, len(ex))}
				page, err := os.ReadFile(paths[i])
				for j, e := range ex {
					if err != nil {
						r.Errs[j] = err
						continue
					}
					r.Texts[j], r.Errs[j] = e.Extract(page, urls[i])
				}
				out[i] = r
			}
		}()
	}
	var err error
feed:
	for i := range paths {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return out, err
}

// SnippetRun is the result of extractors on the comparison set.
type SnippetRun struct {
	Pages      []SnippetPage
	Extractors []string
	Results    []Result
	Counts     [][]Counts // [page][extractor], snippets found verbatim
	Folded     [][]Counts // the same with white space folded (Fold)
}

// RunSnippets scores each extractor on each page of the comparison set.
func RunSnippets(ctx context.Context, pages []SnippetPage, ex []Extractor, workers int) (*SnippetRun, error) {
	paths, urls := make([]string, len(pages)), make([]string, len(pages))
	for i, p := range pages {
		paths[i], urls[i] = p.Path, p.URL
	}
	res, err := run(ctx, paths, urls, ex, workers)
	if err != nil {
		return nil, fmt.Errorf("snippet set: %w", err)
	}
	sr := &SnippetRun{Pages: pages, Results: res, Counts: make([][]Counts, len(pages)), Folded: make([][]Counts, len(pages))}
	for _, e := range ex {
		sr.Extractors = append(sr.Extractors, e.Name)
	}
	for i, r := range res {
		sr.Counts[i], sr.Folded[i] = make([]Counts, len(ex)), make([]Counts, len(ex))
		folded := pages[i].Folded()
		for j := range ex {
			sr.Counts[i][j] = ScoreSnippets(pages[i], r.Texts[j])
			sr.Folded[i][j] = ScoreSnippets(folded, Fold(r.Texts[j]))
		}
	}
	return sr, nil
}

// Total is extractor j's counts over the set, verbatim or folded.
func (sr *SnippetRun) Total(j int, folded bool) Counts {
	all := sr.Counts
	if folded {
		all = sr.Folded
	}
	var c Counts
	for _, pc := range all {
		c = c.Add(pc[j])
	}
	return c
}

// Worse lists the pages where extractor j decides fewer snippets right
// than extractor k, white space folded.
func (sr *SnippetRun) Worse(j, k int) []int {
	var out []int
	for i, pc := range sr.Folded {
		if pc[j].TP+pc[j].TN < pc[k].TP+pc[k].TN {
			out = append(out, i)
		}
	}
	return out
}

// Report writes a table of the extractors' scores.
func (sr *SnippetRun) Report(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "go-trafilatura comparison set: %d pages, %d snippets to find, %d to miss\n", len(sr.Pages), sr.Total(0, false).TP+sr.Total(0, false).FN, sr.Total(0, false).FP+sr.Total(0, false).TN)
	fmt.Fprintln(tw, "extractor\tverbatim: precision\trecall\tF\tspaces folded: precision\trecall\taccuracy\tF\terrors\t")
	for j, name := range sr.Extractors {
		c, f, errs := sr.Total(j, false), sr.Total(j, true), 0
		for _, r := range sr.Results {
			if r.Errs[j] != nil {
				errs++
			}
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t\n", name, c.Precision(), c.Recall(), c.F(), f.Precision(), f.Recall(), f.Accuracy(), f.F(), errs)
	}
	return tw.Flush()
}

// RefRun is the result of extractors on the Readability test pages.
type RefRun struct {
	Pages      []RefPage
	Extractors []string
	Results    []Result
	Overlaps   [][]Overlap // [page][extractor]
}

// RunRef compares each extractor's text of each page with the text of
// the page's expected.html as bags of word 4-grams.
func RunRef(ctx context.Context, pages []RefPage, ex []Extractor, workers int) (*RefRun, error) {
	paths, urls := make([]string, len(pages)), make([]string, len(pages))
	for i, p := range pages {
		paths[i], urls[i] = p.Path, "http://fakehost/test/page.html" // the address the set's pages are written for
	}
	res, err := run(ctx, paths, urls, ex, workers)
	if err != nil {
		return nil, fmt.Errorf("readability set: %w", err)
	}
	rr := &RefRun{Pages: pages, Results: res, Overlaps: make([][]Overlap, len(pages))}
	for _, e := range ex {
		rr.Extractors = append(rr.Extractors, e.Name)
	}
	for i, r := range res {
		ref, err := refText(pages[i].Expected)
		if err != nil {
			return nil, fmt.Errorf("readability set: %w", err)
		}
		rr.Overlaps[i] = make([]Overlap, len(ex))
		for j := range ex {
			rr.Overlaps[i][j] = ShingleMatch(ref, r.Texts[j])
		}
	}
	return rr, nil
}

func refText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	n, err := html.Parse(f)
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", path, err)
	}
	return HTMLText(n), nil
}

// MeanF is extractor j's F averaged over pages; Pooled is its overlap
// summed over pages.
func (rr *RefRun) MeanF(j int) float64 {
	var s float64
	for _, o := range rr.Overlaps {
		s += o[j].F()
	}
	return s / float64(max(1, len(rr.Overlaps)))
}

// Pooled is extractor j's overlap summed over the pages.
func (rr *RefRun) Pooled(j int) Overlap {
	var o Overlap
	for _, po := range rr.Overlaps {
		o = o.Add(po[j])
	}
	return o
}

// Worse lists the pages where extractor j's F is lower than extractor
// k's by more than margin, the largest losses first.
func (rr *RefRun) Worse(j, k int, margin float64) []int {
	var out []int
	for i, o := range rr.Overlaps {
		if o[j].F() < o[k].F()-margin {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		oa, ob := rr.Overlaps[out[a]], rr.Overlaps[out[b]]
		return oa[k].F()-oa[j].F() > ob[k].F()-ob[j].F()
	})
	return out
}

// Report writes a table of the extractors' scores.
func (rr *RefRun) Report(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Readability test pages: %d pages, bag of word 4-grams against expected.html\n", len(rr.Pages))
	fmt.Fprintln(tw, "extractor\tmean F\tpooled precision\tpooled recall\tpooled F\terrors\t")
	for j, name := range rr.Extractors {
		o, errs := rr.Pooled(j), 0
		for _, r := range rr.Results {
			if r.Errs[j] != nil {
				errs++
			}
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t\n", name, rr.MeanF(j), o.Precision(), o.Recall(), o.F(), errs)
	}
	return tw.Flush()
}
