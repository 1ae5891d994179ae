package web

import "net/http"

// Not yet written: replaced by the real handlers.
func (s *Server) libraryIndex(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (s *Server) clausePage(w http.ResponseWriter, r *http.Request)   { http.NotFound(w, r) }
