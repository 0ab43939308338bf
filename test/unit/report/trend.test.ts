/**
 * Main's trend in the comment (report/trend.ts): the sparkline's scale,
 * the creep line when main itself moved by the threshold, and names from
 * the code under test kept inert.
 */
import { describe, expect, it } from 'vitest'
import { benchmarkKey, type Comparison } from '../../../src/compare/model.js'
import { compare } from '../../../src/judge/judge.js'
import { creep, sparkline, trendBlock } from '../../../src/report/trend.js'
import { codeSpan } from '../../../src/report/escape.js'
import { nsSide } from '../../helpers/sides.js'

describe('sparkline and creep', () => {
  it('scales from the smallest value to the largest', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█')
    expect(sparkline([5, 5, 5])).toBe('▁▁▁')
    expect(sparkline([10, 20])).toBe('▁█')
  })

  it('measures main’s own move: the last five baselines against the first five', () => {
    expect(creep([100, 100, 100, 100, 100, 102, 104, 106, 108, 110, 110, 110])).toBeCloseTo(10, 9)
    expect(creep([100, 100, 100])).toBeUndefined()
  })
})

describe('trendBlock', () => {
  const c: Comparison = compare(
    nsSide('base', { 'Benchmark`x|<b>': [100, 101, 99, 100, 100, 101] }),
    nsSide('head', { 'Benchmark`x|<b>': [150, 151, 149, 150, 150, 151] })
  )
  const b = c.benchmarks[0]
  const flat = Array.from({ length: 20 }, () => 100)
  const crept = Array.from({ length: 20 }, (_, i) => 100 + i)

  it('draws main then this pull request, and says when main crept by the threshold', () => {
    const plain = trendBlock(c, [b], new Map([[benchmarkKey(b), flat]]))
    expect(plain).toMatch(/`▁{20}█` 100ns on main → 150ns here$/m)
    expect(plain).not.toMatch(/creep/)
    const drifted = trendBlock(c, [b], new Map([[benchmarkKey(b), crept]]))
    expect(drifted).toMatch(/main itself moved \+14\.7% over these baselines \(creep\)/)
  })

  it('keeps a hostile benchmark name inert, and says nothing without a history', () => {
    const text = trendBlock(c, [b], new Map([[benchmarkKey(b), flat]]))
    // The name goes through the one escaper, as a code span.
    expect(text).toContain(`- ${codeSpan(b.name)} (`)
    expect(trendBlock(c, [b], undefined)).toBe('')
    expect(trendBlock(c, [b], new Map())).toBe('')
  })
})
