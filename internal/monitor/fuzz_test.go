package monitor_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/goldenthread/goldenthread/internal/monitor"
)

// FuzzRead feeds Read arbitrary bytes, starting from real workbooks, empty
// and filled.
func FuzzRead(f *testing.F) {
	b := write(f, pack(f, "dyffryn-tywi-cleaning", start, 12))
	f.Add(b)
	wb := open(f, b)
	fill(f, wb, &read(f, b).Meta, 1)
	f.Add(save(f, wb))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		began := time.Now()
		r, err := monitor.Read(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			for _, p := range r.Problems {
				_ = p.String()
			}
		} else if r != nil {
			t.Fatalf("Read returned a result and the error %v", err)
		}
		if d := time.Since(began); d > 5*time.Second {
			t.Fatalf("Read took %v", d)
		}
	})
}
