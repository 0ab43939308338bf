// Command bigprofile writes a large, real allocs profile for benchmarking
// benchgate's decoder: with runtime.MemProfileRate = 1 every allocation is
// recorded, and each of the -paths call paths through 16 functions is a
// distinct stack.
//
//	go run . -out big.mem.pprof -paths 600000 -depth 9
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
)

var sink [][]byte

var table [16]func(uint64, int)

func init() {
	table = [16]func(uint64, int){f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15}
}

//go:noinline
func f0(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f1(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f2(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f3(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f4(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f5(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f6(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f7(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f8(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f9(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f10(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f11(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f12(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f13(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f14(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

//go:noinline
func f15(path uint64, depth int) {
	if depth == 0 {
		sink = append(sink, make([]byte, 16+int(path%7)))
		return
	}
	table[path&15](path>>4, depth-1)
}

func main() {
	out := flag.String("out", "big.mem.pprof", "output file")
	paths := flag.Int("paths", 600000, "distinct call paths")
	depth := flag.Int("depth", 9, "frames per path below main")
	seed := flag.Int64("seed", 1, "which paths (two seeds give two profiles with mostly different paths)")
	flag.Parse()
	runtime.MemProfileRate = 1
	rng := rand.New(rand.NewSource(*seed))
	seen := make(map[uint64]bool, *paths)
	for len(seen) < *paths {
		p := rng.Uint64() & (1<<(4*uint(*depth)) - 1)
		if seen[p] {
			continue
		}
		seen[p] = true
		table[p&15](p>>4, *depth-1)
		if len(sink) > 4096 {
			sink = sink[:0]
		}
	}
	runtime.GC()
	runtime.GC()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
