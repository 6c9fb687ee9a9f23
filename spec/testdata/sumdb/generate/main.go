// Command generate writes the checksum-database test vectors (vectors.json beside this directory) with the Go
// reference code, golang.org/x/mod/sumdb/{note,tlog} and sumdb.Client itself, so that GitLabLite's C# client is
// checked against what the go command does. Deterministic: keys come from a fixed seed.
//
// Build in GOPATH mode with Debian's golang-golang-x-mod-dev (no network):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run spec/testdata/sumdb/generate/main.go > spec/testdata/sumdb/vectors.json
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const (
	dbName     = "sum.vectors.example"
	tileHeight = 8
	// Past one full level-0 tile of height 8, so lookups read tiles at two levels and full and partial tiles.
	recordCount = 300
	// The tree size of the older notes in the consistency cases.
	olderSize = 270
)

// seedReader is a deterministic stand-in for crypto/rand: SHA-256 in counter mode over a seed.
type seedReader struct {
	seed string
	n    int
	buf  []byte
}

func (r *seedReader) Read(p []byte) (int, error) {
	for len(r.buf) < len(p) {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", r.seed, r.n)))
		r.n++
		r.buf = append(r.buf, sum[:]...)
	}
	copy(p, r.buf)
	r.buf = r.buf[len(p):]
	return len(p), nil
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// hashStore is a tlog in memory, as sumdb.TestServer keeps one.
type hashStore []tlog.Hash

func (h hashStore) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		out[i] = h[x]
	}
	return out, nil
}

type log struct {
	records [][]byte
	hashes  hashStore
}

func (l *log) add(data []byte) {
	hashes, err := tlog.StoredHashes(int64(len(l.records)), data, l.hashes)
	must(err)
	l.records = append(l.records, data)
	l.hashes = append(l.hashes, hashes...)
}

func (l *log) signedTree(n int64, signer note.Signer) []byte {
	h, err := tlog.TreeHash(n, l.hashes)
	must(err)
	msg, err := note.Sign(&note.Note{Text: string(tlog.FormatTree(tlog.Tree{N: n, Hash: h}))}, signer)
	must(err)
	return msg
}

// tiles serves every hash tile of a tree of size n (what a sumdb server answers for /tile/H/L/N[.p/W]).
func (l *log) tiles(n int64) map[string][]byte {
	out := map[string][]byte{}
	for _, t := range tlog.NewTiles(tileHeight, 0, n) {
		data, err := tlog.ReadTileData(t, l.hashes)
		must(err)
		out["/"+t.Path()] = data
	}
	return out
}

func (l *log) lookupBody(id int64, signed []byte) []byte {
	msg, err := tlog.FormatRecord(id, l.records[id])
	must(err)
	return append(msg, signed...)
}

type modVer struct{ path, version string }

func modules() []modVer {
	var out []modVer
	for i := 0; i < recordCount; i++ {
		out = append(out, modVer{fmt.Sprintf("example.com/Vectors/m%03d", i), fmt.Sprintf("v1.%d.0", i%7)})
	}
	return out
}

func gosum(m modVer, salt string) []byte {
	h1 := func(s string) string {
		sum := sha256.Sum256([]byte(salt + s))
		return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
	}
	return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", m.path, m.version, h1(m.path+m.version+"zip"), m.path, m.version, h1(m.path+m.version+"mod")))
}

func lookupPath(m modVer) string {
	p, err := module.EscapePath(m.path)
	must(err)
	v, err := module.EscapeVersion(m.version)
	must(err)
	return "/lookup/" + p + "@" + v
}

// replayOps serves sumdb.Client from a fixed set of remote files and records the latest tree it would persist.
type replayOps struct {
	remote map[string][]byte
	cache  map[string][]byte
	latest []byte
	reads  []string
	sec    string
}

func (o *replayOps) ReadRemote(path string) ([]byte, error) {
	o.reads = append(o.reads, path)
	if d, ok := o.remote[path]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("%s: 404 Not Found", path)
}
func (o *replayOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(vkey), nil
	}
	return o.latest, nil
}
func (o *replayOps) WriteConfig(file string, old, new []byte) error {
	if !bytes.Equal(old, o.latest) {
		return sumdb.ErrWriteConflict
	}
	o.latest = new
	return nil
}
func (o *replayOps) ReadCache(file string) ([]byte, error) {
	if d, ok := o.cache[strings.TrimPrefix(file, dbName)]; ok {
		return d, nil
	}
	return nil, os.ErrNotExist
}
func (o *replayOps) WriteCache(file string, data []byte) {}
func (o *replayOps) Log(msg string)                      {}
func (o *replayOps) SecurityError(msg string)            { o.sec = msg }

var vkey string

type clientCase struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Latest      string            `json:"latest,omitempty"`
	Path        string            `json:"path"`
	Version     string            `json:"version"`
	Remote      string            `json:"remote"`
	Cache       string            `json:"cache,omitempty"`
	Overrides   map[string]string `json:"overrides,omitempty"`
	Lines       []string          `json:"lines,omitempty"`
	Error       string            `json:"error,omitempty"`
	Security    bool              `json:"securityError,omitempty"`
	LatestAfter string            `json:"latestAfter,omitempty"`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func main() {
	skey, vk, err := note.GenerateKey(&seedReader{seed: "gitlablite sumdb vectors"}, dbName)
	must(err)
	vkey = vk
	signer, err := note.NewSigner(skey)
	must(err)
	otherSkey, otherVkey, err := note.GenerateKey(&seedReader{seed: "another key"}, dbName)
	must(err)
	otherSigner, err := note.NewSigner(otherSkey)
	must(err)

	mods := modules()
	real := &log{}
	fork := &log{}
	for i, m := range mods {
		real.add(gosum(m, ""))
		// The fork agrees with the real log up to record 260 (past the first full tile) and then records other hashes.
		if i < 260 {
			fork.add(gosum(m, ""))
		} else {
			fork.add(gosum(m, "fork"))
		}
	}
	n := int64(len(mods))
	latestNote := real.signedTree(n, signer)
	olderNote := real.signedTree(olderSize, signer)
	forkNote := fork.signedTree(olderSize, signer)

	remote := real.tiles(n)
	target := mods[123]
	targetID := int64(123)
	remote[lookupPath(target)] = real.lookupBody(targetID, latestNote)
	late := mods[290]
	remote[lookupPath(late)] = real.lookupBody(290, latestNote)
	// A misbehaving server showing a forked log, signed with the right key: same record 123, other tree.
	forkRemote := fork.tiles(n)
	forkRemote[lookupPath(target)] = fork.lookupBody(targetID, fork.signedTree(n, signer))

	zipLine := strings.SplitN(string(real.records[targetID]), "\n", 2)[0]
	badZipLine := zipLine[:len(zipLine)-5] + "AAAA="
	tamperedRecord := bytes.Replace(real.lookupBody(targetID, latestNote), []byte(zipLine), []byte(badZipLine), 1)

	badSig := append([]byte{}, latestNote...)
	// Flip one bit inside the base64 signature (the last line): the note still parses, the signature fails.
	sigLine := bytes.LastIndex(badSig[:len(badSig)-1], []byte("\n")) + 1
	sigBytes, _ := base64.StdEncoding.DecodeString(string(badSig[sigLine+len("— "+dbName+" ") : len(badSig)-1]))
	sigBytes[10] ^= 0x01
	badSig = append(badSig[:sigLine+len("— "+dbName+" ")], []byte(b64(sigBytes)+"\n")...)

	otherKeyNote, err := note.Sign(&note.Note{Text: string(tlog.FormatTree(tlog.Tree{N: n, Hash: mustTreeHash(n, real.hashes)}))}, otherSigner)
	must(err)

	tileKey := "/" + tlog.Tile{H: tileHeight, L: 0, N: 0, W: 1 << tileHeight}.Path()
	badTile := append([]byte{}, remote[tileKey]...)
	badTile[123*32] ^= 0xff

	cases := []clientCase{
		{Name: "valid", Description: "a record in the tree, no latest tree known yet", Path: target.path, Version: target.version},
		{Name: "valid_go_mod", Description: "the /go.mod lookup answers the go.mod line only", Path: target.path, Version: target.version + "/go.mod"},
		{Name: "valid_after_older_latest", Description: "a consistent older tree is known: the newer one replaces it", Latest: string(olderNote), Path: target.path, Version: target.version},
		{Name: "valid_newer_latest", Description: "a newer tree is known than the one the lookup carries: the older one is checked against it", Latest: string(latestNote), Path: target.path, Version: target.version,
			Overrides: map[string]string{lookupPath(target): b64(real.lookupBody(targetID, olderNote))}},
		{Name: "valid_late_record", Description: "a record in the partial level-0 tile", Path: late.path, Version: late.version},
		{Name: "wrong_hash", Description: "the record's zip hash was altered: its hash is not the one in the tree", Path: target.path, Version: target.version,
			Overrides: map[string]string{lookupPath(target): b64(tamperedRecord)}},
		{Name: "wrong_signature", Description: "one bit of the tree note's signature flipped", Path: target.path, Version: target.version,
			Overrides: map[string]string{lookupPath(target): b64(real.lookupBody(targetID, badSig))}},
		{Name: "unknown_key", Description: "the tree note is signed by another key of the same name", Path: target.path, Version: target.version,
			Overrides: map[string]string{lookupPath(target): b64(real.lookupBody(targetID, otherKeyNote))}},
		{Name: "inconsistent_tree", Description: "the known tree (and its cached tiles) is the real one; the server shows a fork whose tree at that size differs", Latest: string(olderNote), Cache: "older", Remote: "fork", Path: target.path, Version: target.version},
		{Name: "forked_latest", Description: "the known tree is a fork: the served tiles do not hash to it", Latest: string(forkNote), Path: target.path, Version: target.version},
		{Name: "tampered_tile", Description: "a tile's stored hash was altered", Path: target.path, Version: target.version,
			Overrides: map[string]string{tileKey: b64(badTile)}},
		{Name: "not_found", Description: "the database has no such module version", Path: "example.com/vectors/missing", Version: "v1.0.0"},
	}
	for i := range cases {
		c := &cases[i]
		ops := &replayOps{remote: map[string][]byte{}, latest: []byte(c.Latest)}
		from := remote
		if c.Remote == "fork" {
			from = forkRemote
		} else {
			c.Remote = "real"
		}
		for k, v := range from {
			ops.remote[k] = v
		}
		for k, v := range c.Overrides {
			d, _ := base64.StdEncoding.DecodeString(v)
			ops.remote[k] = d
		}
		if c.Cache == "older" {
			ops.cache = real.tiles(olderSize)
		}
		client := sumdb.NewClient(ops)
		lines, err := client.Lookup(c.Path, c.Version)
		if err != nil {
			c.Error = err.Error()
			c.Security = ops.sec != "" || err == sumdb.ErrSecurity || strings.Contains(err.Error(), sumdb.ErrSecurity.Error())
		} else {
			c.Lines = lines
		}
		c.LatestAfter = string(ops.latest)
	}

	// tlog tables.
	type indexCase struct {
		Level int   `json:"level"`
		N     int64 `json:"n"`
		Index int64 `json:"index"`
	}
	var indexes []indexCase
	for _, lv := range []int{0, 1, 2, 3, 8, 16} {
		for _, k := range []int64{0, 1, 2, 3, 7, 100, 12345, 1 << 20, 39999999} {
			indexes = append(indexes, indexCase{lv, k, tlog.StoredHashIndex(lv, k)})
		}
	}
	type countCase struct {
		N     int64 `json:"n"`
		Count int64 `json:"count"`
	}
	var counts []countCase
	for _, k := range []int64{0, 1, 2, 3, 4, 5, 255, 256, 257, 1000, 123456789} {
		counts = append(counts, countCase{k, tlog.StoredHashCount(k)})
	}
	treeHashes := map[string]string{}
	for k := int64(1); k <= n; k++ {
		treeHashes[fmt.Sprint(k)] = mustTreeHash(k, real.hashes).String()
	}
	type tileCase struct {
		Path  string `json:"path"`
		Valid bool   `json:"valid"`
		H     int    `json:"h,omitempty"`
		L     int    `json:"l,omitempty"`
		N     int64  `json:"n,omitempty"`
		W     int    `json:"w,omitempty"`
	}
	var tilePaths []tileCase
	for _, p := range []string{"tile/8/0/000", "tile/8/0/001.p/5", "tile/8/1/x001/234", "tile/8/data/x123/x456/789.p/255", "tile/2/3/000.p/3",
		"tile/8/0/1234", "tile/8/0/x001", "tile/8/0/001.p/256", "tile/8/0/001.p/0", "tile/31/0/000", "tile/8/-1/000", "tile/8/0/01", "tile/8/0/000.p/05", "tile/8/0/x000/001", "tiles/8/0/000"} {
		t, err := tlog.ParseTilePath(p)
		if err != nil {
			tilePaths = append(tilePaths, tileCase{Path: p})
		} else {
			tilePaths = append(tilePaths, tileCase{p, true, t.H, t.L, t.N, t.W})
		}
	}
	type forIndexCase struct {
		H     int    `json:"h"`
		Index int64  `json:"index"`
		Path  string `json:"path"`
	}
	var forIndex []forIndexCase
	for _, h := range []int{1, 2, 8} {
		for _, x := range []int64{0, 1, 2, 3, 4, 6, 7, 100, 598, 12345} {
			forIndex = append(forIndex, forIndexCase{h, x, tlog.TileForIndex(h, x).Path()})
		}
	}
	type proofCase struct {
		T     int64    `json:"t"`
		N     int64    `json:"n"`
		Proof []string `json:"proof"`
	}
	var treeProofs []proofCase
	for _, tn := range [][2]int64{{300, 270}, {300, 1}, {300, 300}, {257, 256}, {7, 3}, {100, 99}} {
		p, err := tlog.ProveTree(tn[0], tn[1], real.hashes)
		must(err)
		var ps []string
		for _, h := range p {
			ps = append(ps, h.String())
		}
		treeProofs = append(treeProofs, proofCase{tn[0], tn[1], ps})
	}

	type verifierCase struct {
		Key   string `json:"key"`
		Valid bool   `json:"valid"`
		Name  string `json:"name,omitempty"`
		Hash  uint32 `json:"hash,omitempty"`
	}
	var verifiers []verifierCase
	for _, k := range []string{vkey, otherVkey, "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
		strings.Replace(vkey, "+", "+0", 1), vkey[:len(vkey)-4], "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn9", "bad name+00000000+AQ==", "x+12345678"} {
		v, err := note.NewVerifier(k)
		if err != nil {
			verifiers = append(verifiers, verifierCase{Key: k})
		} else {
			verifiers = append(verifiers, verifierCase{k, true, v.Name(), v.KeyHash()})
		}
	}

	type noteCase struct {
		Name  string `json:"name"`
		Msg   string `json:"msg"`
		Text  string `json:"text,omitempty"`
		Error string `json:"error,omitempty"`
	}
	verifier, _ := note.NewVerifier(vkey)
	var notes []noteCase
	twoSigs, err := note.Sign(&note.Note{Text: "two signers\n"}, otherSigner, signer)
	must(err)
	for _, c := range []struct{ name, msg string }{
		{"valid", string(latestNote)},
		{"two_signatures", string(twoSigs)},
		{"wrong_signature", string(badSig)},
		{"unknown_key", string(otherKeyNote)},
		{"altered_text", strings.Replace(string(latestNote), "\n300\n", "\n301\n", 1)},
		{"no_signature_block", "go.sum database tree\n300\n"},
		{"bad_prefix", strings.Replace(string(latestNote), "— ", "-- ", 1)},
		{"control_character", "a\x01b\n\n" + string(latestNote[strings.Index(string(latestNote), "— "):])},
	} {
		nt, err := note.Open([]byte(c.msg), note.VerifierList(verifier))
		if err != nil {
			notes = append(notes, noteCase{Name: c.name, Msg: c.msg, Error: err.Error()})
		} else {
			notes = append(notes, noteCase{Name: c.name, Msg: c.msg, Text: nt.Text})
		}
	}

	out := map[string]interface{}{
		"generator":       "spec/testdata/sumdb/generate/main.go (golang.org/x/mod v0.7.0 sumdb, note, tlog)",
		"name":            dbName,
		"verifierKey":     vkey,
		"tileHeight":      tileHeight,
		"verifiers":       verifiers,
		"notes":           notes,
		"storedHashIndex": indexes,
		"storedHashCount": counts,
		"records":         recordsB64(real.records),
		"treeHashes":      treeHashes,
		"tilePaths":       tilePaths,
		"tileForIndex":    forIndex,
		"treeProofs":      treeProofs,
		"remote":          map[string]map[string]string{"real": encodeFiles(remote), "fork": encodeFiles(forkRemote)},
		"cache":           map[string]map[string]string{"older": encodeFiles(real.tiles(olderSize))},
		"clientCases":     cases,
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	must(enc.Encode(out))
}

func encodeFiles(files map[string][]byte) map[string]string {
	out := map[string]string{}
	var keys []string
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = b64(files[k])
	}
	return out
}

func recordsB64(records [][]byte) []string {
	var out []string
	for _, r := range records {
		out = append(out, string(r))
	}
	return out
}

func mustTreeHash(n int64, r tlog.HashReader) tlog.Hash {
	h, err := tlog.TreeHash(n, r)
	must(err)
	return h
}
