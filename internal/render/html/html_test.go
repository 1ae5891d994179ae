package html_test

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/gtest"
	"github.com/goldenthread/goldenthread/internal/render/doc"
	"github.com/goldenthread/goldenthread/internal/render/doc/doctest"
	gthtml "github.com/goldenthread/goldenthread/internal/render/html"
	"github.com/goldenthread/goldenthread/internal/render/html/htmltest"
)

func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gthtml.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden keeps the sample's HTML in testdata, to read its changes in
// review.
func TestGolden(t *testing.T) {
	gtest.Golden(t, filepath.Join("testdata", "sample.html"), write(t, doctest.Sample()))
}

func TestCheckSample(t *testing.T) {
	htmltest.Check(t, write(t, doctest.Sample()))
}

func TestAxeSample(t *testing.T) {
	start := time.Now()
	htmltest.Axe(t, write(t, doctest.Sample()))
	t.Logf("browser checks took %v", time.Since(start).Round(time.Millisecond))
}
