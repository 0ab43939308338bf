/**
 * The drift-aware screen (issue 17, item 4): when a whole run shifted, the
 * screen nominates suspects relative to the shift, samples it by A/B, and
 * says what it saw. Sides are judged by the real compare(); the A/B is a
 * second real comparison, as confirmSuspects would make it.
 */
import { describe, expect, it } from 'vitest'
import { estimateShift, relativeDelta } from '../../../src/compare/shift.js'
import { compare } from '../../../src/judge/judge.js'
import {
  applyConfirmation,
  confirmationStands,
  suspectsOf
} from '../../../src/judge/confirmation.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { formatComparisonText } from '../../../src/report/text.js'
import { nsSide } from '../../helpers/sides.js'

const side = nsSide
/** Eight samples around x, ±0.35%. */
const steady = (x: number): number[] =>
  Array.from({ length: 8 }, (_, i) => x * (1 + (i - 3.5) / 1000))
const names = (n: number) =>
  Array.from({ length: n }, (_, i) => `Benchmark${String(i).padStart(2, '0')}`)
const names20 = names(20)

/**
 * Twenty benchmarks whose head ran `percent` slower across the board (each
 * a little apart: −2…+2 points), plus a real change in Benchmark05 of
 * `extra` (×) on top.
 */
function shiftedScreen(percent: number, extra = 1.15) {
  const base: Record<string, number[]> = {}
  const head: Record<string, number[]> = {}
  names20.forEach((n, i) => {
    base[n] = steady(1000)
    const f = (1 + percent / 100) * (1 + ((i % 5) - 2) / 100)
    head[n] = steady(1000 * f * (n === 'Benchmark05' ? extra : 1))
  })
  return compare(side('base', base), side('head', head))
}

/** The A/B of `names` on this runner: each at its own ratio (1 = unchanged). */
function abOf(ratios: Record<string, number>) {
  const base: Record<string, number[]> = {}
  const head: Record<string, number[]> = {}
  for (const [n, r] of Object.entries(ratios)) {
    base[n] = steady(1000)
    head[n] = steady(1000 * r)
  }
  return compare(side('base', base), side('head', head), { threshold: 2.5 })
}

describe('estimateShift', () => {
  it('is the median change of the run, in log space', () => {
    // The median of 36, 37, 38, 39, 40 (log ratios are monotone) is 38.
    const s = estimateShift([38, 40, 36, 39, 37, 41, 35], { threshold: 5, abThreshold: 2.5 })!
    expect(s.percent).toBeCloseTo(38, 10)
    expect(s).toMatchObject({ benchmarks: 7, agreeing: 7, applied: true })
    // 1.6 / 1.38: a benchmark 60% slower is 15.9% slower than the run.
    expect(relativeDelta(60, s)).toBeCloseTo(15.942, 2)
  })

  it('is not applied when a few benchmarks changed and the rest did not', () => {
    const s = estimateShift([0.4, -0.3, 0.1, -0.2, 0.2, 20, 30, 12], {
      threshold: 5,
      abThreshold: 2.5
    })!
    expect(s.applied).toBe(false)
    expect(Math.abs(s.percent)).toBeLessThan(1)
  })

  it('is not applied when half the run moved and half did not (no common shift)', () => {
    const s = estimateShift([0, 0, 0, 0, 10, 10, 10, 10, 10], { threshold: 5, abThreshold: 2.5 })!
    // The median is 10%, but only 5 of 9 moved by half of it: not 2/3.
    expect(s.percent).toBeCloseTo(10, 10)
    expect(s.agreeing).toBe(5)
    expect(s.applied).toBe(false)
  })

  it('is not applied below the threshold: runs minutes apart differ by that much', () => {
    const s = estimateShift([4, 4.2, 3.8, 4.1, 3.9, 4, 4], { threshold: 5, abThreshold: 2.5 })!
    expect(s.percent).toBeCloseTo(4, 10)
    expect(s.agreeing).toBe(7)
    expect(s.applied).toBe(false)
  })

  it('says nothing with fewer than six benchmarks', () => {
    expect(estimateShift([40, 40, 40, 40, 40], { threshold: 5, abThreshold: 2.5 })).toBeUndefined()
  })
})

describe('a slow runner', () => {
  const screen = shiftedScreen(38)

  it('does not make every benchmark a suspect', () => {
    // Without the shift all twenty are +36…+40%, each a screen regression.
    expect(screen.benchmarks.filter(b => b.verdict === 'regression')).toHaveLength(20)
    const suspects = suspectsOf(screen).map(b => b.name)
    // Benchmark05 (+15% on top of its −2 points: 1.38 × 0.98 × 1.15 → +55.5%,
    // +12.7% relative to the run) and
    // three sampled from the shift: the ones closest to it, at +38% exactly
    // (i % 5 === 2: 02, 07, 12).
    expect(suspects.sort()).toEqual(['Benchmark02', 'Benchmark05', 'Benchmark07', 'Benchmark12'])
  })

  it('gates on the real change only, and says what it saw', () => {
    const ab = abOf({ Benchmark05: 1.15, Benchmark02: 1.0, Benchmark07: 1.003, Benchmark12: 0.998 })
    const c = applyConfirmation(screen, ab, 10)
    expect(c.shift).toMatchObject({ applied: true, cause: 'runner', sampleConfirmed: 0 })
    expect(c.shift!.percent).toBeCloseTo(38, 6)
    expect(c.shift!.sampled).toEqual(['Benchmark02', 'Benchmark07', 'Benchmark12'])
    expect(c.gate.reasons).toHaveLength(1)
    expect(c.gate.reasons[0]).toMatch(
      /^Benchmark05 ns\/op \+15\.\d\d% .*A\/B rounds on this runner/
    )
    // The other sixteen: their +36…+40% is the runner's, not a regression.
    const explained = c.benchmarks.filter(b => b.metrics[0].explainedByShift)
    expect(explained).toHaveLength(16)
    for (const b of explained) expect(b.verdict).toBe('unchanged')
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toContain(
      "This runner was about 38% slower than the baseline's (20 of 20 benchmarks moved together, median +38.00%); suspects are judged relative to that."
    )
    expect(md).toContain('re-measured 3 benchmarks sampled from the shift and confirmed 0')
    expect(formatComparisonText(c)).toContain('This runner was about 38% slower')
  })

  it('still catches a change that slows everything: the sample confirms it', () => {
    const ab = abOf({ Benchmark05: 1.55, Benchmark02: 1.38, Benchmark07: 1.37, Benchmark12: 1.39 })
    const c = applyConfirmation(screen, ab, 10)
    expect(c.shift).toMatchObject({ cause: 'code', sampleConfirmed: 3 })
    // The screen's verdicts stand for all: 4 confirmed, 16 screen regressions.
    expect(c.gate.reasons).toHaveLength(20)
    expect(c.benchmarks.some(b => b.metrics[0].explainedByShift)).toBe(false)
    expect(renderMarkdown(c, { key: 'k' })).toContain(
      // (escapeText escapes the colon: no autolink can form)
      'confirmed 3 of 3 benchmarks sampled from the shift as regressions\\: the change itself slows them'
    )
  })

  it('leaves the screen standing when the A/B could not run', () => {
    const c = confirmationStands(screen, {
      base: { commit: '', ref: 'main' },
      rounds: 10,
      test: 'utest',
      suspects: 4,
      confirmed: 0,
      elapsedMs: 0,
      error: 'go test -c failed'
    })
    expect(c.shift?.cause).toBe('unconfirmed')
    expect(c.gate.reasons).toHaveLength(20)
    expect(renderMarkdown(c, { key: 'k' })).toContain(
      "The A/B could not run, so the screen's verdicts stand as measured."
    )
  })
})

describe('a fast runner', () => {
  it('nominates what did not speed up with the run; no sample', () => {
    // The head ran 12% faster; Benchmark05 3% faster (0.88 × 0.98 × 0.99 / 0.88):
    // 10% slower than the run.
    const screen = shiftedScreen(-12, 0.99 / 0.88)
    const b05 = screen.benchmarks.find(b => b.name === 'Benchmark05')!
    expect(b05.metrics[0].deltaPercent!).toBeLessThan(0)
    expect(suspectsOf(screen).map(b => b.name)).toEqual(['Benchmark05'])
    const c = applyConfirmation(screen, abOf({ Benchmark05: 1.12 }), 10)
    expect(c.shift).toMatchObject({ applied: true, cause: 'runner' })
    expect(c.shift!.sampled).toBeUndefined()
    expect(c.gate.fail).toBe(true)
    expect(renderMarkdown(c, { key: 'k' })).toContain(
      'This runner was about 12% faster than the baseline'
    )
  })
})

describe('a quiet runner', () => {
  it('nominates as before: a few changes do not shift the run', () => {
    const base: Record<string, number[]> = {}
    const head: Record<string, number[]> = {}
    names20.forEach((n, i) => {
      base[n] = steady(1000)
      head[n] = steady(1000 * (i < 3 ? 1.1 : 1))
    })
    const screen = compare(side('base', base), side('head', head))
    expect(suspectsOf(screen).map(b => b.name)).toEqual(names20.slice(0, 3))
    const c = applyConfirmation(
      screen,
      abOf({ Benchmark00: 1.1, Benchmark01: 1.1, Benchmark02: 1.1 }),
      10
    )
    expect(c.shift?.applied).toBe(false)
    expect(renderMarkdown(c, { key: 'k' })).not.toContain('This runner was')
  })
})
