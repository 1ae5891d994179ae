package web

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"regexp"
	"testing"

	"github.com/goldenthread/goldenthread/internal/gtest"
)

// uploadClient is a browser of a test server: it keeps the CSRF cookie
// and the token the forms carry.
type uploadClient struct {
	t       testing.TB
	srv     *Server
	h       http.Handler
	cookies []*http.Cookie
	csrf    string
}

// newUploadTestServer starts the app on the built-in library and
// templates, loaded as the serve command loads them, and opens the score
// form to get its CSRF cookie and token.
func newUploadTestServer(t testing.TB) *uploadClient {
	t.Helper()
	srv, err := New(rigConfig(t, gtest.Now, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	c := &uploadClient{t: t, srv: srv, h: srv.Handler()}
	rr := c.get("/score")
	if rr.Code != http.StatusOK {
		t.Fatalf("GET /score = %d; want 200\n%s", rr.Code, rr.Body)
	}
	c.cookies = rr.Result().Cookies()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(rr.Body.String())
	if m == nil || len(c.cookies) == 0 {
		t.Fatalf("GET /score gave no CSRF cookie or field:\n%s", rr.Body)
	}
	c.csrf = m[1]
	return c
}

func (c *uploadClient) do(req *http.Request) *httptest.ResponseRecorder {
	req.Host = "127.0.0.1:8080"
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rr := httptest.NewRecorder()
	c.h.ServeHTTP(rr, req)
	return rr
}

func (c *uploadClient) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// formFile is a file to upload in a form field.
type formFile struct {
	field, name string
	data        []byte
}

// multipartBody writes a multipart form with the fields and files.
func multipartBody(t testing.TB, fields map[string]string, files []formFile) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+f.field+`"; filename="`+f.name+`"`)
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

// upload posts files to path with the form's CSRF token.
func (c *uploadClient) upload(path string, files ...formFile) *httptest.ResponseRecorder {
	return c.uploadWith(path, map[string]string{"csrf": c.csrf}, files...)
}

func (c *uploadClient) uploadWith(path string, fields map[string]string, files ...formFile) *httptest.ResponseRecorder {
	body, ctype := multipartBody(c.t, fields, files)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return c.do(req)
}
