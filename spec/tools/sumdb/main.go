// Command sumdb is the checksum database the specs and benchmarks run instead of sum.golang.org: Go's own
// sumdb.Server over sumdb.TestServer (golang.org/x/mod v0.7.0, Debian's golang-golang-x-mod-dev), signing with a
// key generated at start. A module version is recorded on its first lookup, with the go.sum hashes of the .mod
// and .zip found in a GOPROXY directory tree (-dir); a version missing there answers 404, as sum.golang.org does
// for a module it cannot fetch.
//
// Build in GOPATH mode, no network: GO111MODULE=off GOPATH=/usr/share/gocode go build -o tmp/bin/sumdb ./spec/tools/sumdb
//
// It prints "vkey <verifier key>" and "url <base URL>", then one line per request: "<status> <path>".
package main

import (
	"bytes"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
)

func main() {
	name := flag.String("name", "sum.gitlablite.test", "database name (as in GOSUMDB)")
	dir := flag.String("dir", "", "GOPROXY directory tree whose modules the database records")
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-dir is required")
	}

	skey, vkey, err := note.GenerateKey(rand.Reader, *name)
	if err != nil {
		log.Fatal(err)
	}
	gosum := func(path, vers string) ([]byte, error) {
		epath, err := module.EscapePath(path)
		if err != nil {
			return nil, err
		}
		evers, err := module.EscapeVersion(vers)
		if err != nil {
			return nil, err
		}
		base := filepath.Join(*dir, epath, "@v", evers)
		mod, err := os.ReadFile(base + ".mod")
		if err != nil {
			return nil, err // os.IsNotExist: the server answers 404
		}
		modHash, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(mod)), nil
		})
		if err != nil {
			return nil, err
		}
		zipHash, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
		if err != nil {
			return nil, err
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, zipHash, path, vers, modHash)), nil
	}
	server := sumdb.NewServer(sumdb.NewTestServer(skey, gosum))

	l, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("vkey %s\nurl http://%s\n", vkey, l.Addr())
	log.Fatal(http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		server.ServeHTTP(rec, r)
		fmt.Printf("%d %s\n", rec.status, r.URL.Path)
	})))
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}
