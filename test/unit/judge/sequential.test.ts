/**
 * Sequential confirmation's decisions (src/judge/sequential.ts) and what
 * the comparison makes of the same rounds: a decided suspect's verdict is
 * the one its look saw; an undecided one is inconclusive, with its
 * interval, and blocks only with failOnInconclusive.
 */
import { describe, expect, it } from 'vitest'
import { compare, AB_TEST } from '../../../src/judge/judge.js'
import { applyConfirmation } from '../../../src/judge/confirmation.js'
import { undecided } from '../../../src/judge/sequential.js'
import { COMPARE_DEFAULTS } from '../../../src/compare/model.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { rejudge } from '../../../src/judge/rejudge.js'
import { sanitizeComparison } from '../../../src/compare/sanitize.js'
import { nsSide } from '../../helpers/sides.js'

const side = nsSide

/** Rounds of base 1000 ns/op with a fixed ±spread pattern, and a head `factor` times it with its own wobble. */
function rounds(n: number, factor: number, wobble: number): { base: number[]; head: number[] } {
  const base = Array.from({ length: n }, (_, i) => 1000 * (1 + 0.01 * Math.sin(i * 1.7)))
  const head = base.map((b, i) => b * factor * (1 + wobble * Math.cos(i * 2.3 + 0.4)))
  return { base, head }
}

const opts = {
  ...COMPARE_DEFAULTS,
  test: AB_TEST,
  threshold: COMPARE_DEFAULTS.abThreshold,
  maxRounds: 30
}

describe('undecided: when a suspect stops', () => {
  it('a clear +20% after 6 rounds is decided; so is a flat one whose interval is inside ±2.5%', () => {
    const open = undecided(
      new Map([
        ['slow', rounds(6, 1.2, 0.01)],
        ['flat', rounds(6, 1.0, 0.001)]
      ]),
      opts
    )
    expect([...open]).toEqual([])
  })

  it('a noisy +3% after 6 rounds is not: it can neither be shown nor ruled out', () => {
    const open = undecided(new Map([['noisy', rounds(6, 1.03, 0.04)]]), opts)
    expect([...open]).toEqual(['noisy'])
  })

  it('corrects across the suspects: one alone is decided, twenty sharing α are not yet', () => {
    // At the first look of 30 the boundary is high (O'Brien–Fleming-like): the second look.
    const one = rounds(8, 1.06, 0.02)
    expect(undecided(new Map([['a', one]]), opts).size).toBe(0)
    const many = new Map(Array.from({ length: 20 }, (_, i) => [`s${i}`, rounds(8, 1.06, 0.02)]))
    expect(undecided(many, opts).size).toBe(20)
  })

  it('a decided regression goes on until its profiles hold half a second a side, then stops', () => {
    // +20% at 1000 ns/op: 6 rounds of 50,000 iterations are 0.3 s of head time; of 100,000, 0.6 s.
    const slow = rounds(6, 1.2, 0.01)
    expect([...undecided(new Map([['x', { ...slow, iterations: 50_000 }]]), opts)]).toEqual(['x'])
    expect(undecided(new Map([['x', { ...slow, iterations: 100_000 }]]), opts).size).toBe(0)
    // An improvement, or a flat benchmark, needs no explanation.
    const fast = rounds(6, 0.8, 0.01)
    expect(undecided(new Map([['x', { ...fast, iterations: 50_000 }]]), opts).size).toBe(0)
  })

  it('a flat suspect at ±20% a round stops once the cap is out of reach: inconclusive', () => {
    expect([...undecided(new Map([['x', rounds(6, 1.0, 0.2)]]), opts)]).toEqual(['x'])
    const stopped = rounds(14, 1.0, 0.2)
    expect(undecided(new Map([['x', stopped]]), opts).size).toBe(0)
    const b = compare(
      side('base', { BenchmarkX: stopped.base }),
      side('head', { BenchmarkX: stopped.head }),
      opts
    ).benchmarks[0]
    expect(b.verdict).toBe('inconclusive')
  })

  it('rounds that do not pair (a side without results) are not waited for', () => {
    expect(undecided(new Map([['x', { base: [1, 2, 3], head: [1] }]]), opts).size).toBe(0)
  })
})

describe('the verdict of the same rounds', () => {
  const abOf = (r: { base: number[]; head: number[] }) =>
    compare(side('base', { BenchmarkX: r.base }), side('head', { BenchmarkX: r.head }), opts)

  it('decided as the look decided: a regression, and a flat benchmark unchanged', () => {
    expect(abOf(rounds(6, 1.2, 0.01)).benchmarks[0].verdict).toBe('regression')
    const flat = abOf(rounds(6, 1.0, 0.001)).benchmarks[0]
    expect(flat.verdict).toBe('unchanged')
    expect(flat.metrics[0].interval!.hi).toBeLessThan(2.5)
  })

  it('undecided: inconclusive with the interval, never unchanged', () => {
    const b = abOf(rounds(6, 1.03, 0.04)).benchmarks[0]
    expect(b.verdict).toBe('inconclusive')
    const i = b.metrics[0].interval!
    expect(i.lo).toBeLessThan(0)
    expect(i.hi).toBeGreaterThan(2.5)
  })

  // The screen calls X a +10% regression; the A/B cannot decide it.
  const screen = compare(
    side('base', { BenchmarkX: [1000, 1001, 1002, 1003, 1004, 1005] }),
    side('head', { BenchmarkX: [1100, 1101, 1102, 1103, 1104, 1105] })
  )
  const undecidedAb = abOf(rounds(6, 1.03, 0.04))

  it('an inconclusive suspect does not block by default, and the comment says what is open', () => {
    const c = applyConfirmation(screen, undecidedAb, 30)
    const x = c.benchmarks[0]
    expect(x.confirmation).toMatchObject({ status: 'inconclusive', rounds: 6, test: 'sequential' })
    expect(x.verdict).toBe('inconclusive')
    expect(c.counts.inconclusive).toBe(1)
    expect(c.gate.fail).toBe(false)
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toContain('1 inconclusive')
    expect(md).toMatch(/inconclusive[^\n]*Δ between -[\d.]+% and \+[\d.]+%/)
  })

  it('blocks with failOnInconclusive, and a fork’s report re-judged keeps it', () => {
    const strict = { ...screen, options: { ...screen.options, failOnInconclusive: true } }
    const c = applyConfirmation(strict, undecidedAb, 30)
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons[0]).toMatch(
      /^BenchmarkX ns\/op inconclusive after 6 A\/B rounds: Δ between -[\d.]+% and \+[\d.]+% \(fail-on-inconclusive\)$/
    )
    expect(c.benchmarks[0].blocks).toBe(true)
    // The comment job rebuilds a fork's report and judges it with its own options.
    const forged = sanitizeComparison(
      JSON.parse(JSON.stringify({ ...c, gate: { fail: false, reasons: [] } }))
    )
    const again = rejudge({ ...forged, options: strict.options })
    expect(again.gate).toEqual(c.gate)
    expect(rejudge({ ...forged, options: screen.options }).gate.fail).toBe(false)
  })

  it('an A/B report keeps its cap through the sanitizer, and a cap that is not a number is refused', () => {
    const ab = compare(
      side('base', { BenchmarkX: rounds(8, 1, 0).base }),
      side('head', { BenchmarkX: rounds(8, 1.2, 0.01).head }),
      opts
    )
    expect(ab.options.maxRounds).toBe(30)
    const read = (maxRounds: unknown) =>
      sanitizeComparison(
        JSON.parse(JSON.stringify({ ...ab, options: { ...ab.options, maxRounds } }))
      )
    expect(read(30).options.maxRounds).toBe(30)
    expect(() => read('30; rm -rf /')).toThrow(/options\.maxRounds/)
  })
})
