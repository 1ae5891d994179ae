package score

import (
	"bytes"
	"os"
	"testing"

	"github.com/goldenthread/goldenthread/internal/grid/gridtest"
	"github.com/goldenthread/goldenthread/internal/model"
	"github.com/goldenthread/goldenthread/internal/render/xlsx"
)

// generate makes a grid for p.
func generate(t testing.TB, p *model.Pack) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Grid(&buf, p); err != nil {
		t.Fatalf("Grid: %v", err)
	}
	return buf.Bytes()
}

// open opens a generated grid for filling in.
func openGrid(t testing.TB, b []byte) *gridtest.Workbook {
	t.Helper()
	w, err := gridtest.Open(b)
	if err != nil {
		t.Fatalf("gridtest.Open: %v", err)
	}
	return w
}

func save(t testing.TB, w *gridtest.Workbook) []byte {
	t.Helper()
	b, err := w.Bytes()
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	return b
}

func read(t testing.TB, b []byte) *Result {
	t.Helper()
	r, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return r
}

func TestMain(m *testing.M) {
	code := m.Run()
	if loProfile != "" {
		os.RemoveAll(loProfile)
	}
	os.Exit(code)
}
