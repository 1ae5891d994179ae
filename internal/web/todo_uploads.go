package web

import "net/http"

// Not yet written: replaced by the real handlers.
func (s *Server) scoreForm(w http.ResponseWriter, r *http.Request)      { http.NotFound(w, r) }
func (s *Server) scoreUpload(w http.ResponseWriter, r *http.Request)    { http.NotFound(w, r) }
func (s *Server) evidenceForm(w http.ResponseWriter, r *http.Request)   { http.NotFound(w, r) }
func (s *Server) evidenceUpload(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request)     { http.NotFound(w, r) }
