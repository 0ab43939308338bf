// Package workload holds eight functions of different character (tight
// arithmetic, sorting, map building, formatting, reflection, hashing,
// regular expressions, cache misses). Each does 100 units of work plus
// the percentage injected in levels.go, so a level of 5 makes the function
// 5% slower by construction.
package workload

import (
	"crypto/sha256"
	"encoding/json"
	"math/rand"
	"regexp"
	"sort"
	"strconv"
)

const units = 100

var (
	buf     = make([]byte, 1024)
	ints    = make([]int, 256)
	scratch = make([]int, 256)
	text    = []byte("GET /api/v1/users/12345/orders?limit=20&offset=40 HTTP/1.1 Host: example.com User-Agent: bench/1.0 Accept: application/json X-Request-Id: 7f3a9c2e-1b4d-4e8f-9a6b-3c5d7e9f1a2b")
	re      = regexp.MustCompile(`/users/(\d+)/orders\?limit=(\d+)`)
	next    []int32
)

func init() {
	r := rand.New(rand.NewSource(1))
	for i := range buf {
		buf[i] = byte(r.Intn(256))
	}
	for i := range ints {
		ints[i] = r.Int()
	}
	// A single cycle through 1<<20 slots (4 MiB): each step is a cache miss.
	perm := r.Perm(1 << 20)
	next = make([]int32, len(perm))
	for i := range perm {
		next[perm[i]] = int32(perm[(i+1)%len(perm)])
	}
}

// Hash: FNV-1a over 1 KiB per unit.
func Hash() uint64 {
	h := uint64(14695981039346656037)
	for u := 0; u < units+slowHash; u++ {
		for _, c := range buf {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}

// Sort: sort 256 ints per unit.
func Sort() int {
	s := 0
	for u := 0; u < units+slowSort; u++ {
		copy(scratch, ints)
		sort.Ints(scratch)
		s += scratch[u%len(scratch)]
	}
	return s
}

// Map: build a 32-entry map per unit (allocates).
func Map() int {
	s := 0
	for u := 0; u < units+slowMap; u++ {
		m := make(map[int]int)
		for i := 0; i < 32; i++ {
			m[i*u+i] = i
		}
		s += len(m)
	}
	return s
}

// Format: format 16 numbers into a fresh string per unit (allocates).
func Format() int {
	s := 0
	for u := 0; u < units+slowFormat; u++ {
		var b []byte
		for i := 0; i < 16; i++ {
			b = strconv.AppendInt(b, int64(u*1000003+i), 10)
			b = append(b, ',')
		}
		s += len(string(b))
	}
	return s
}

type record struct {
	ID    int      `json:"id"`
	Name  string   `json:"name"`
	Tags  []string `json:"tags"`
	Score float64  `json:"score"`
}

// JSON: marshal a small struct per unit (reflection, allocates).
func JSON() int {
	s := 0
	r := record{Name: "benchgate", Tags: []string{"a", "bb", "ccc"}, Score: 0.5}
	for u := 0; u < units+slowJSON; u++ {
		r.ID = u
		out, _ := json.Marshal(&r)
		s += len(out)
	}
	return s
}

// SHA: SHA-256 of 256 bytes per unit.
func SHA() byte {
	var x byte
	for u := 0; u < units+slowSHA; u++ {
		sum := sha256.Sum256(buf[:256])
		x ^= sum[u%32]
	}
	return x
}

// Regexp: one submatch search per unit.
func Regexp() int {
	s := 0
	for u := 0; u < units+slowRegexp; u++ {
		s += len(re.FindSubmatchIndex(text))
	}
	return s
}

// Chase: 64 dependent loads through a 4 MiB cycle per unit.
func Chase() int32 {
	p := int32(0)
	for u := 0; u < units+slowChase; u++ {
		for i := 0; i < 64; i++ {
			p = next[p]
		}
	}
	return p
}
