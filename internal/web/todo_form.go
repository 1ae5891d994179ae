package web

import "net/http"

// Not yet written: replaced by the real handlers.
func (s *Server) editForm(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (s *Server) save(w http.ResponseWriter, r *http.Request)     { http.NotFound(w, r) }
