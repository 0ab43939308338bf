/**
 * Function declarations from Go source (compare/decls.ts), by hand-made
 * cases of what fools a naive scanner: braces in strings, raw strings,
 * runes and comments, type literals in signatures, generics, closures,
 * body-less declarations. test/decls-goast.test.ts checks the same
 * scanner against go/ast on the standard library.
 */
import { describe, expect, it } from 'vitest'
import { changedDecls, declOf, goDecls } from '../../../src/compare/decls.js'

const SRC = `package p

import "fmt"

// F does { things
func F(x int) int {
	s := "}" + \`
}\` + string('}')
	/* } */
	return x
}

func G[T any](x T) interface{ M() } {
	return nil
}

func (t *Tree[K, V]) Get(k K) (v V) {
	f := func() {
		fmt.Println("{")
	}
	f()
	return
}

func (n node) len() int { return 0 }

func asm(x int) int
func After() {}

var h = func() {
}

func (*Tree[K, V]) unnamed() {}
`

describe('goDecls', () => {
  it('finds each top-level declaration with its first and last line', () => {
    expect(goDecls(SRC)).toEqual([
      { key: 'F', start: 6, end: 11 },
      { key: 'G[...]', start: 13, end: 15 },
      { key: '(*Tree[...]).Get', start: 17, end: 23 },
      { key: 'node.len', start: 25, end: 25 },
      { key: 'asm', start: 27, end: 27 },
      { key: 'After', start: 28, end: 28 },
      { key: '(*Tree[...]).unnamed', start: 33, end: 33 }
    ])
  })

  it('names the declaration a pprof function belongs to, closures included', () => {
    const d = goDecls(SRC)
    expect(declOf('example.com/p.(*Tree[...]).Get.func1', d)?.key).toBe('(*Tree[...]).Get')
    expect(declOf('example.com/p.(*Tree[...]).Get.func1.2', d)?.key).toBe('(*Tree[...]).Get')
    expect(declOf('example.com/p.node.len', d)?.key).toBe('node.len')
    expect(declOf('gopkg.in/yaml.v3.G[...]', d)?.key).toBe('G[...]')
    // A method named like a function of the file is the method, not the function.
    const both = goDecls('package p\n\nfunc len() {}\n\nfunc (n node) len() {}\n')
    expect(declOf('example.com/p.node.len', both)?.key).toBe('node.len')
    expect(declOf('example.com/p.len', both)?.key).toBe('len')
    expect(declOf('fmt.Sprint', d)).toBeUndefined()
  })

  it('marks what a hunk adds, edits or deletes inside, and nothing outside', () => {
    const d = goDecls(SRC)
    // Line 10 edited (in F); three lines deleted after head line 21 (in Get);
    // a line added at 31 (in a function literal of a var: none).
    const hunks = [
      { baseStart: 10, baseCount: 1, headStart: 10, headCount: 1 },
      { baseStart: 22, baseCount: 3, headStart: 21, headCount: 0 },
      { baseStart: 32, baseCount: 0, headStart: 31, headCount: 1 }
    ]
    expect([...changedDecls(d, hunks)].sort()).toEqual(['(*Tree[...]).Get', 'F'])
    // A new file: one hunk over all of it.
    expect(
      changedDecls(d, [{ baseStart: 0, baseCount: 0, headStart: 1, headCount: 35 }]).size
    ).toBe(7)
  })
})
