/**
 * Inputs as large as real ones get: no step spreads an input-sized array
 * into a call's arguments (each element becomes an argument, and a few
 * hundred thousand overflow the stack). `top` of a 300,000-function
 * profile and `compare` of 140,000 benchmarks, in process.
 */
import { describe, expect, it } from 'vitest'
import type { Side } from '../../../src/compare/input.js'
import { compare } from '../../../src/judge/judge.js'
import { formatTop } from '../../../src/pprof/top.js'
import { formatComparisonText, textTable } from '../../../src/report/text.js'

describe('input-sized arrays', () => {
  it('top formats 300,000 functions', () => {
    const functions = Array.from({ length: 300_000 }, (_, i) => ({
      name: `example.com/p.F${i}`,
      flat: 300_000 - i,
      cum: 300_000 - i
    }))
    const text = formatTop(
      { sampleType: 'cpu', unit: 'nanoseconds', total: 1e12, functions },
      'big.pprof'
    )
    expect(text.split('\n').length).toBeGreaterThan(300_000)
    expect(text).toContain('example.com/p.F299999')
  })

  it('compare judges 140,000 benchmarks and says what it could not test', () => {
    const side = (label: string, shift: number): Side => ({
      label,
      kind: 'text',
      benchmarks: Array.from({ length: 140_000 }, (_, i) => ({
        package: 'example.com/big',
        name: `BenchmarkB${i}`,
        samples: { 'ns/op': [1000 + i + shift, 1001 + i + shift] }
      })),
      failedPackages: new Set(),
      profiles: new Map(),
      units: {}
    })
    const c = compare(side('base', 0), side('head', 5))
    expect(c.benchmarks).toHaveLength(140_000)
    expect(c.counts['too-few-samples']).toBe(140_000)
    expect(formatComparisonText(c)).toContain('BenchmarkB139999')
  })

  it('a text table as wide as its widest cell, for 300,000 rows', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [
      String(i),
      i === 7 ? 'x'.repeat(40) : 'y'
    ])
    const lines = textTable(['n', 'name'], rows).split('\n')
    expect(lines[1]).toBe(`${'-'.repeat(6)}  ${'-'.repeat(40)}`)
  })
})
