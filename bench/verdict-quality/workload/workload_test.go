package workload

import "testing"

var sink int

func BenchmarkHash(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += int(Hash())
	}
}

func BenchmarkSort(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += Sort()
	}
}

func BenchmarkMap(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += Map()
	}
}

func BenchmarkFormat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += Format()
	}
}

func BenchmarkJSON(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += JSON()
	}
}

func BenchmarkSHA(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += int(SHA())
	}
}

func BenchmarkRegexp(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += Regexp()
	}
}

func BenchmarkChase(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink += int(Chase())
	}
}
