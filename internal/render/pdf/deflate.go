package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// gofpdf compresses each page with a new zlib writer, and each one
// allocates and clears about a megabyte: with gofpdf compressing, rendering
// the 46-page test document took twice as long (54 to about 110 ms) and
// 82 MiB instead of 31, and pack of 100 profiles twice as long with 24 GB
// allocated instead of 7.3. maroto offers no other way to compress, so
// documents are written uncompressed and deflateStreams compresses the
// streams afterwards with pooled writers. The PDF gofpdf writes is regular
// enough to rewrite safely; anything unexpected leaves the document as it
// was, uncompressed but valid.

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// finish returns pdf with every unfiltered stream compressed, the document's
// language lang (such as "en-GB") in the catalogue if it is set, and the
// cross-reference table rewritten to match; or pdf unchanged if it is not
// laid out as gofpdf lays documents out. gofpdf has no way to set the
// language, which screen readers use to choose a voice.
func finish(pdf []byte, lang string) []byte {
	// The trailer ends "startxref\n<offset>\n%%EOF\n".
	sx := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if sx < 0 {
		return pdf
	}
	tail := pdf[sx+len("\nstartxref\n"):]
	nl := bytes.IndexByte(tail, '\n')
	if nl < 0 || string(tail[nl:]) != "\n%%EOF\n" {
		return pdf
	}
	xref, err := strconv.Atoi(string(tail[:nl]))
	if err != nil || xref <= 0 || xref >= sx {
		return pdf
	}
	// "xref\n0 <n>\n" then n entries of exactly 20 bytes.
	hdr, ok := bytes.CutPrefix(pdf[xref:], []byte("xref\n0 "))
	nl = bytes.IndexByte(hdr, '\n')
	if !ok || nl < 0 {
		return pdf
	}
	n, err := strconv.Atoi(string(hdr[:nl]))
	entries := xref + len("xref\n0 ") + nl + 1
	if err != nil || n < 2 || entries+20*n > sx {
		return pdf
	}
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := pdf[entries+20*i : entries+20*i+20]
		offsets[i], err = strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || offsets[i] <= 0 || offsets[i] >= xref {
			return pdf
		}
	}

	// Objects in file order; each runs to the next or to the xref table.
	order := make([]int, n-1)
	for i := range order {
		order[i] = i + 1
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	first := offsets[order[0]]

	var out bytes.Buffer
	out.Grow(len(pdf) / 3)
	out.Write(pdf[:first])
	newOff := make([]int, n)
	for k, obj := range order {
		start := offsets[obj]
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		if start >= end {
			return pdf
		}
		newOff[obj] = out.Len()
		if !deflateObject(&out, obj, pdf[start:end]) && !setLang(&out, obj, pdf[start:end], lang) {
			out.Write(pdf[start:end])
		}
	}
	newXref := out.Len()
	out.WriteString("xref\n0 " + strconv.Itoa(n) + "\n")
	out.Write(pdf[entries : entries+20])
	for i := 1; i < n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOff[i])
	}
	out.Write(pdf[entries+20*n : sx])
	out.WriteString("\nstartxref\n" + strconv.Itoa(newXref) + "\n%%EOF\n")
	return out.Bytes()
}

// deflateObject writes obj compressed if it is exactly an unfiltered
// stream as gofpdf writes one, and reports whether it did.
func deflateObject(out *bytes.Buffer, num int, obj []byte) bool {
	head := strconv.Itoa(num) + " 0 obj\n<</Length "
	if !bytes.HasPrefix(obj, []byte(head)) {
		return false
	}
	rest := obj[len(head):]
	i := bytes.Index(rest, []byte(">>\nstream\n"))
	if i < 0 {
		return false
	}
	length, err := strconv.Atoi(string(rest[:i]))
	data := rest[i+len(">>\nstream\n"):]
	if err != nil || length < 0 || len(data) != length+len("\nendstream\nendobj\n") ||
		string(data[length:]) != "\nendstream\nendobj\n" {
		return false
	}
	var z bytes.Buffer
	z.Grow(length/8 + 64)
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&z)
	_, err = w.Write(data[:length])
	if err == nil {
		err = w.Close()
	}
	zlibWriters.Put(w)
	if err != nil {
		return false
	}
	out.WriteString(strconv.Itoa(num) + " 0 obj\n<</Filter /FlateDecode /Length " + strconv.Itoa(z.Len()) + ">>\nstream\n")
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	return true
}

// setLang writes obj with /Lang added if it is the catalogue as gofpdf
// writes it, and reports whether it did.
func setLang(out *bytes.Buffer, num int, obj []byte, lang string) bool {
	head := strconv.Itoa(num) + " 0 obj\n<<\n/Type /Catalog\n"
	if lang == "" || !bytes.HasPrefix(obj, []byte(head)) || bytes.Contains(obj, []byte("/Lang")) {
		return false
	}
	out.WriteString(head)
	out.WriteString("/Lang (" + lang + ")\n")
	out.Write(obj[len(head):])
	return true
}
