/**
 * The ranking of function deltas (compare/functions.ts) on two sides whose
 * truth is known: a wrapper above the slowed function, whose cum contains
 * the change; a benchmark helper on every stack; the allocator under the
 * culprit, folded into it; and a function that moved within noise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isRuntimeInternal } from '../../../src/attribution/index.js'
import { explain, functionDeltas } from '../../../src/compare/functions.js'
import type { BenchmarkComparison } from '../../../src/compare/model.js'
import type { SideBenchmark } from '../../../src/compare/input.js'

const side = (fns: [string, number, number, number][]): SideBenchmark => ({
  package: 'example.com/p',
  name: 'BenchmarkGet-2',
  group: 'BenchmarkGet',
  samples: { 'ns/op': [1000] },
  functions: { cpu: fns.map(([name, flat, cum, self]) => ({ name, flat, cum, self })) },
  // 10 ns of per-op cost a sample: 1000 ns/op is 100 samples.
  sampling: { cpu: { total: fns.reduce((s, f) => s + f[3], 0), sample: 10 } }
})

describe('ranking function deltas by their own cost', () => {
  // base: helper → Wrapper → get (400 self); other work 400; helper 200 self.
  const base = side([
    ['example.com/p.benchHelper', 200, 1000, 200],
    ['example.com/p.(*Tree).Get', 0, 600, 0],
    ['example.com/p.(*node).get', 300, 400, 400],
    ['example.com/p.other', 400, 400, 400],
    ['example.com/p.jitter', 30, 30, 30]
  ])
  // head: get costs 800 more (700 of it in its own code, 100 in mallocgc
  // under it, folded into its self); jitter moves by one sample.
  const head = side([
    ['example.com/p.benchHelper', 210, 1810, 210],
    ['example.com/p.(*Tree).Get', 0, 1400, 0],
    ['example.com/p.(*node).get', 1000, 1200, 1200],
    ['example.com/p.other', 400, 400, 400],
    ['example.com/p.jitter', 40, 40, 40]
  ])
  const d = functionDeltas(base, head, 10, 'regression')!
  const cpu = d.functions.cpu!

  it('puts the slowed function first, above the wrapper and the helper whose cum contains it', () => {
    expect(cpu[0]).toMatchObject({
      name: 'example.com/p.(*node).get',
      status: 'changed',
      beyondNoise: true,
      delta: { self: 800, cum: 800 }
    })
    const rank = (name: string) => cpu.findIndex(f => f.name === `example.com/p.${name}`)
    // The helper's own cost moved by a sample: within noise, after the culprit.
    expect(rank('benchHelper')).toBeGreaterThan(rank('(*node).get'))
    // The wrapper's own cost did not move at all: not a row, though its cum grew by 800.
    expect(rank('(*Tree).Get')).toBe(-1)
  })

  it('keeps what sampling noise explains out of the rows beyond noise, and counts it', () => {
    const shown = cpu.filter(f => f.beyondNoise).map(f => f.name)
    expect(shown).toEqual(['example.com/p.(*node).get'])
    expect(d.stats.cpu).toMatchObject({
      samples: { base: 103, head: 185 },
      withinNoise: 2, // the helper's +10 and jitter's +10: one sample each
      fewSamples: false
    })
    // The shown row is 800 of the 820 the benchmark's profiled total moved.
    expect(d.stats.cpu!.explained).toBeCloseTo(800 / 820, 3)
  })

  it('lists what got cheaper first for an improvement', () => {
    const back = functionDeltas(head, base, 10, 'improvement')!
    expect(back.functions.cpu![0]).toMatchObject({
      name: 'example.com/p.(*node).get',
      delta: { self: -800 }
    })
  })

  it('folds the runtime and assembly into user code, not the standard library', () => {
    for (const n of [
      'runtime.mallocgc',
      'runtime/internal/atomic.Load',
      'internal/runtime/maps.(*Map).getWithKeySmall',
      'internal/bytealg.IndexByteString',
      'aeshashbody'
    ])
      expect(isRuntimeInternal(n), n).toBe(true)
    for (const n of [
      'strings.ToLower',
      'sync.(*Mutex).Lock',
      'github.com/google/btree.(*node[...]).get',
      'example.com/runtime.F',
      'example.com/internal/x.F'
    ])
      expect(isRuntimeInternal(n), n).toBe(false)
  })

  it('decides as the package rule says on any name (the rule written with substrings)', () => {
    const rule = (name: string): boolean => {
      const head = name.split(/[([]/, 1)[0]
      const dot = head.indexOf('.', head.lastIndexOf('/') + 1)
      if (dot < 0) return true
      const pkg = head.slice(0, dot)
      return pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/')
    }
    const parts = [
      'runtime',
      'internal',
      'x',
      '/',
      '.',
      '(',
      '[',
      ']',
      '*',
      'F',
      'runtime/',
      'internal/'
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 8 }), p => {
        const name = p.join('')
        expect(isRuntimeInternal(name), name).toBe(rule(name))
      }),
      { numRuns: 5000 }
    )
  })
})

describe('functions the diff changed', () => {
  // tree.go: Get calls get; the diff edits Get (a line inside it), not get.
  const TREE = [
    'package p',
    '',
    'func (t *Tree) Get(k int) int {',
    '\tfor i := 0; i < 3; i++ {',
    '\t\tt.root.get(k)',
    '\t}',
    '\treturn t.root.get(k)',
    '}',
    '',
    'func (n *node) get(k int) int {',
    '\treturn k',
    '}'
  ]
  const withFiles = (s: SideBenchmark): SideBenchmark => ({
    ...s,
    functions: {
      cpu: s.functions!.cpu!.map(f => ({
        ...f,
        file: 'p/tree.go',
        path: ['example.com/p.benchHelper', 'example.com/p.(*Tree).Get', f.name]
      }))
    }
  })
  const base = withFiles(
    side([
      ['example.com/p.benchHelper', 0, 1000, 0],
      ['example.com/p.(*Tree).Get', 0, 1000, 0],
      ['example.com/p.(*node).get', 1000, 1000, 1000]
    ])
  )
  const head = withFiles(
    side([
      ['example.com/p.benchHelper', 0, 3000, 0],
      ['example.com/p.(*Tree).Get', 0, 3000, 0],
      ['example.com/p.(*node).get', 3000, 3000, 3000]
    ])
  )
  const view = (
    hunks: { baseStart: number; baseCount: number; headStart: number; headCount: number }[]
  ) => ({
    between: 'a..b',
    files: new Map([['p/tree.go', { hunks, head: TREE, base: TREE }]])
  })
  const bc = (d: NonNullable<ReturnType<typeof functionDeltas>>): BenchmarkComparison => ({
    package: 'example.com/p',
    name: 'BenchmarkGet-2',
    verdict: 'regression',
    metrics: [],
    functions: d.functions
  })

  it('marks the rows and call-path steps whose declaration a hunk touched, and only those', () => {
    const d = functionDeltas(
      base,
      head,
      10,
      'regression',
      view([{ baseStart: 4, baseCount: 1, headStart: 4, headCount: 1 }])
    )!
    const top = d.functions.cpu![0]
    expect(top.name).toBe('example.com/p.(*node).get')
    expect(top.changedInDiff).toBeUndefined()
    expect(top.path!.filter(s => s.changedInDiff).map(s => s.name)).toEqual([
      'example.com/p.(*Tree).Get'
    ])
    // The headline: the top function was not changed; its caller on the path was.
    expect(explain(bc(d), true)).toMatch(
      /none of its top functions was changed in this diff, but on its call path example\.com\/p\.\(\*Tree\)\.Get was$/
    )
  })

  it('says nothing of the diff when the top function is the one it changed, or when there is no diff', () => {
    const d = functionDeltas(
      base,
      head,
      10,
      'regression',
      view([{ baseStart: 11, baseCount: 1, headStart: 11, headCount: 1 }])
    )!
    expect(d.functions.cpu![0].changedInDiff).toBe(true)
    expect(explain(bc(d), true)).not.toMatch(/none of its top functions/)
    const none = functionDeltas(base, head, 10, 'regression', view([]))!
    expect(explain(bc(none), true)).toMatch(/came from what they call or use/)
    expect(explain(bc(none), false)).not.toMatch(/none of its top functions/)
  })
})
