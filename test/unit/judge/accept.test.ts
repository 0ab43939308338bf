/**
 * A regression accepted on purpose (src/judge/accept.ts): the gate passes,
 * the verdicts stay, the comment says which regressions and by whose
 * label; what was not measured (a shard that did not report) still fails.
 */
import { describe, expect, it } from 'vitest'
import { acceptRegressions } from '../../../src/judge/accept.js'
import { compare } from '../../../src/judge/judge.js'
import { failMissingShards } from '../../../src/judge/rejudge.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { nsSide } from '../../helpers/sides.js'

const steady = (x: number): number[] => Array.from({ length: 8 }, (_, i) => x + i)
const regressed = compare(
  nsSide('base', { BenchmarkA: steady(1000), BenchmarkB: steady(1000) }),
  nsSide('head', { BenchmarkA: steady(1300), BenchmarkB: steady(1000) })
)

describe('acceptRegressions', () => {
  it('passes the gate, keeps the verdicts, and records what it accepted and who', () => {
    expect(regressed.gate.fail).toBe(true)
    expect(regressed.benchmarks[0].blocks).toBe(true)
    const c = acceptRegressions(regressed, { label: 'benchgate-accept', by: 'octocat' })
    expect(c.gate).toEqual({ fail: false, reasons: [] })
    expect(c.verdict).toBe('regression')
    expect(c.benchmarks.find(b => b.name === 'BenchmarkA')!.verdict).toBe('regression')
    expect(c.benchmarks.some(b => b.blocks)).toBe(false)
    expect(c.accepted).toEqual({
      label: 'benchgate-accept',
      by: 'octocat',
      reasons: regressed.gate.reasons
    })
  })

  it('leaves a passing gate alone', () => {
    const flat = compare(
      nsSide('base', { BenchmarkA: steady(1000) }),
      nsSide('head', { BenchmarkA: steady(1000) })
    )
    expect(acceptRegressions(flat, { label: 'x', by: null })).toBe(flat)
  })

  it('cannot accept a shard that did not report: nothing was measured there', () => {
    const merged = failMissingShards({
      ...regressed,
      shards: { merged: ['shard 1/2'], missing: [{ source: '2/2', reason: 'no artifact' }] }
    })
    const c = acceptRegressions(merged, { label: 'ok', by: 'm' })
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons).toEqual(['shard 2/2 did not report: no artifact'])
    expect(c.accepted!.reasons).toEqual(regressed.gate.reasons)
  })

  it('says so in the comment, with the label and who added it, mentioning nobody', () => {
    const md = renderMarkdown(
      acceptRegressions(regressed, { label: 'perf: accepted <b>', by: 'octocat' }),
      { key: 'k' }
    )
    expect(md).toMatch(/^### 🔴 benchgate: 1 regression, 1 unchanged — \*\*accepted\*\* by label$/m)
    expect(md).toContain('> [!IMPORTANT]')
    expect(md).toContain(
      'Accepted on purpose: the label `perf: accepted <b>`, added by @\u200boctocat,'
    )
    expect(md).toMatch(
      /lets 1 regression\(s\) through the gate: BenchmarkA ns\/op \+29\.90% \(p=&lt;0\.001\)\. Remove the label/
    )
    expect(md).not.toContain('the gate fails')
  })
})
