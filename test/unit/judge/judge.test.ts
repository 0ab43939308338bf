/**
 * Folding an A/B comparison into the screen (src/judge/judge.ts
 * applyConfirmation: statuses, verdicts, gate) and re-judging it
 * (src/judge/rejudge.ts), on sides the real compare() judged; allocation
 * verdicts that respect noise.
 */
import { describe, expect, it } from 'vitest'
import { compare } from '../../../src/judge/judge.js'
import { applyConfirmation, suspectsOf } from '../../../src/judge/confirmation.js'
import { rejudge } from '../../../src/judge/rejudge.js'
import { sanitizeComparison } from '../../../src/compare/sanitize.js'
import type { Side } from '../../../src/compare/input.js'
import { parseReport } from '../../../src/github/report-artifact.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { formatComparisonText } from '../../../src/report/text.js'

/** A side with ns/op and B/op samples per benchmark. */
function side(label: string, benches: Record<string, { ns: number[]; bytes?: number[] }>): Side {
  return {
    label,
    kind: 'text',
    benchmarks: Object.entries(benches).map(([name, v]) => ({
      package: 'example.com/p',
      name,
      samples: { 'ns/op': v.ns, ...(v.bytes ? { 'B/op': v.bytes } : {}) }
    })),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {},
    environment: {
      commit: label === 'base' ? 'a'.repeat(40) : 'b'.repeat(40),
      ref: 'refs/heads/main'
    }
  }
}
const steady = (x: number, n = 8): number[] => Array.from({ length: n }, (_, i) => x + i)

describe('applyConfirmation', () => {
  // The screen: A +20%, B +15% (with 10% more B/op), C flat, D +12%, and
  // E +3%: under the 5% threshold, but significant and over the 2.5% A/B
  // threshold, so a suspect too.
  const screen = compare(
    side('base', {
      BenchmarkA: { ns: steady(1000) },
      BenchmarkB: { ns: steady(1000), bytes: steady(100).map(() => 100) },
      BenchmarkC: { ns: steady(1000) },
      'BenchmarkD/<b>|x': { ns: steady(1000) },
      BenchmarkE: { ns: steady(1000) }
    }),
    side('head', {
      BenchmarkA: { ns: steady(1200) },
      BenchmarkB: { ns: steady(1150), bytes: steady(110).map(() => 110) },
      BenchmarkC: { ns: steady(1000) },
      'BenchmarkD/<b>|x': { ns: steady(1120) },
      BenchmarkE: { ns: steady(1030) }
    }),
    { failOnAlloc: true }
  )
  // The A/B of the suspects (judged at the A/B threshold, as
  // confirmSuspects does): A and E reproduce, B does not, D was not measured.
  const ab = compare(
    side('base', {
      BenchmarkA: { ns: steady(1000, 10) },
      BenchmarkB: { ns: steady(1000, 10) },
      BenchmarkE: { ns: steady(1000, 10) }
    }),
    side('head', {
      BenchmarkA: { ns: steady(1190, 10) },
      BenchmarkB: { ns: steady(1001, 10) },
      BenchmarkE: { ns: steady(1031, 10) }
    }),
    { failOnAlloc: true, threshold: 2.5 }
  )
  const c = applyConfirmation(screen, ab, 10)
  const by = (name: string) => c.benchmarks.find(b => b.name === name)!

  it('suspects are what the screen cannot rule out: its regressions and significant slowdowns over the A/B threshold', () => {
    expect(by('BenchmarkE').metrics[0].verdict).toBe('unchanged') // the screen alone: under 5%
    expect(
      suspectsOf(screen)
        .map(b => b.name)
        .sort()
    ).toEqual(['BenchmarkA', 'BenchmarkB', 'BenchmarkD/<b>|x', 'BenchmarkE'])
    // A 3% slowdown is no suspect when the A/B threshold is above it.
    expect(
      suspectsOf({ ...screen, options: { ...screen.options, abThreshold: 4 } }).map(b => b.name)
    ).not.toContain('BenchmarkE')
    // A slowdown over the threshold is a suspect even when the screen's
    // noisy samples give no significance: medians 1250 → 1320 (+5.6%), p ≈ 0.4.
    const spread = [900, 1000, 1100, 1200, 1300, 1400, 1500, 1600]
    const noisy = compare(
      side('base', { BenchmarkF: { ns: spread } }),
      side('head', { BenchmarkF: { ns: spread.map(x => x + 70) } })
    )
    const f = noisy.benchmarks[0].metrics[0]
    expect(f.deltaPercent!).toBeCloseTo(5.6, 1)
    expect(f.significantUncorrected).toBe(false)
    expect(suspectsOf(noisy).map(b => b.name)).toEqual(['BenchmarkF'])
  })

  it("the comment job's re-judging gives an honest report back unchanged", () => {
    const strip = (x: typeof c) => ({
      verdict: x.verdict,
      gate: x.gate,
      counts: x.counts,
      benchmarks: x.benchmarks.map(b => ({
        name: b.name,
        verdict: b.verdict,
        status: b.confirmation?.status,
        metrics: b.metrics.map(m => [m.verdict, m.pAdjusted, m.kind])
      }))
    })
    expect(strip(rejudge(c))).toEqual(strip(c))
    expect(strip(rejudge(screen))).toEqual(strip(screen))
    expect(strip(rejudge(ab))).toEqual(strip(ab))
  })

  it('a forged gate, verdict, kind or confirmation status does not survive re-judging', () => {
    const forged = {
      ...c,
      verdict: 'unchanged' as const,
      gate: { fail: false, reasons: [] },
      counts: { ...c.counts, regression: 0 },
      benchmarks: c.benchmarks.map(b => ({
        ...b,
        verdict: 'unchanged' as const,
        metrics: b.metrics.map(m => ({
          ...m,
          verdict: 'unchanged' as const,
          kind: 'noisy' as const
        })),
        confirmation: b.confirmation && { ...b.confirmation, status: 'not-confirmed' as const }
      }))
    }
    const r = rejudge(forged)
    expect(r.gate.fail).toBe(true)
    expect(r.gate.reasons).toEqual(c.gate.reasons)
    expect(r.counts).toEqual(c.counts)
    expect(r.benchmarks.find(b => b.name === 'BenchmarkA')!.confirmation!.status).toBe('confirmed')
    // The plain screen: a time unit relabelled as noisy is time again.
    const plain = rejudge({
      ...screen,
      gate: { fail: false, reasons: [] },
      benchmarks: screen.benchmarks.map(b => ({
        ...b,
        metrics: b.metrics.map(m => ({
          ...m,
          kind: 'noisy' as const,
          verdict: 'unchanged' as const
        }))
      }))
    })
    expect(plain.gate).toEqual(screen.gate)
  })

  it('confirms, refutes and reports the unmeasured, and gates on confirmed ones only', () => {
    expect(by('BenchmarkA').confirmation).toMatchObject({ status: 'confirmed', rounds: 10 })
    expect(by('BenchmarkA').verdict).toBe('regression')
    // Medians 1004.5 and 1194.5: +18.91%.
    expect(by('BenchmarkA').confirmation!.deltaPercent!).toBeCloseTo(18.915, 2)
    expect(by('BenchmarkB').confirmation!.status).toBe('not-confirmed')
    // B's allocation growth is exact, not noisy: it stands, and gates with fail-on-alloc.
    expect(by('BenchmarkB').verdict).toBe('regression')
    expect(by('BenchmarkD/<b>|x').confirmation!.status).toBe('missing')
    // Not measured is never passed: the screen's regression stands, and gates.
    expect(by('BenchmarkD/<b>|x').verdict).toBe('regression')
    expect(by('BenchmarkC').confirmation).toBeUndefined()
    expect(by('BenchmarkE').confirmation!.status).toBe('confirmed')
    expect(by('BenchmarkE').verdict).toBe('regression')
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons).toHaveLength(4)
    expect(c.gate.reasons[0]).toMatch(
      /^BenchmarkA ns\/op \+18\.91% \(p=<?[\d.]+, 10 A\/B rounds on this runner\)$/
    )
    expect(c.gate.reasons[1]).toBe('BenchmarkB B/op +10.00%')
    // D, which the A/B could not measure, fails the gate by the screen's numbers.
    expect(c.gate.reasons[2]).toMatch(/^BenchmarkD\/<b>\|x ns\/op \+11\.96% \(p=/)
    expect(c.gate.reasons[3]).toMatch(
      /^BenchmarkE ns\/op \+3\.09% \(p=<?[\d.]+, 10 A\/B rounds on this runner\)$/
    )
    expect(c.confirmation).toMatchObject({ suspects: 4, confirmed: 2, rounds: 10 })
    expect(c.counts.regression).toBe(4)
  })

  it('does not fail when nothing is confirmed and allocations do not gate', () => {
    const lenient = applyConfirmation(
      { ...screen, options: { ...screen.options, failOnAlloc: false } },
      ab,
      10
    )
    // The A/B measured every suspect and found no change.
    const flat = Object.fromEntries(
      ['BenchmarkA', 'BenchmarkB', 'BenchmarkD/<b>|x', 'BenchmarkE'].map(n => [
        n,
        { ns: steady(1000, 10) }
      ])
    )
    const none = applyConfirmation(lenient, compare(side('base', flat), side('head', flat)), 10)
    expect(none.gate).toEqual({ fail: false, reasons: [] })
    expect(none.benchmarks.find(b => b.name === 'BenchmarkA')!.confirmation!.status).toBe(
      'not-confirmed'
    )
  })

  it('renders both stages, with untrusted names escaped', () => {
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toMatch(/Screened against the baseline from main \(aaaaaaaaaaaa\): 4 suspects\./)
    expect(md).toMatch(
      /Confirmed on this runner by interleaved A\/B against .* \(10 rounds, Welch's t test on log times, threshold 2\.5%, 0 s\): 2 of 4\./
    )
    expect(md).toMatch(
      /\| `BenchmarkA` \(`example\.com\/p`\) \|.*\| confirmed on this runner: \+18\.91% \(p=[\d.<]+, 10 rounds\) \|/
    )
    expect(md).toContain('**Not confirmed**')
    // The hostile name is inert: a tag only inside code, no raw pipe splitting the row.
    expect(md.replace(/`[^`\n]*`/g, '')).not.toContain('<b>')
    expect(md).toMatch(
      // Unmeasured, it stands in the changed table, not among the refuted.
      /`BenchmarkD\/<b>\\\|x` \(`example\.com\/p`\) \|.*\| \+11\.96% \|.*\| not measured by the A\/B \(at the base revision\): the screen's verdict stands \|/
    )
    // The fork hand-off: the comment job rebuilds the report field by field
    // and renders the same comment; a forged confirmation is refused.
    const report = {
      schemaVersion: 1,
      repository: 'acme/widgets',
      prNumber: 7,
      headSha: 'a'.repeat(40),
      key: 'k',
      noBaseline: null,
      comparison: c
    }
    const back = parseReport(JSON.stringify(report)).comparison!
    expect(back.confirmation).toEqual(c.confirmation)
    expect(back.gateMode).toBe('confirmed')
    expect(renderMarkdown(back, { key: 'k' })).toBe(md)
    const forged = JSON.parse(JSON.stringify(report)) as typeof report
    const first = forged.comparison.benchmarks.findIndex(b => b.confirmation)
    ;(forged.comparison.benchmarks[first].confirmation as { status: string }).status = 'trust-me'
    expect(() => parseReport(JSON.stringify(forged))).toThrow(
      `malformed at benchmarks[${first}].confirmation.status`
    )
    const text = formatComparisonText(c)
    expect(text).toContain('BenchmarkB (example.com/p): not confirmed: +0.')
  })
})

describe('allocation verdicts that respect noise (docs/design.md D11)', () => {
  const flat = (x: number, n = 8): number[] => Array.from({ length: n }, () => x)

  /** One benchmark of steady time whose B/op samples are these, and its B/op row. */
  const noisyBytes = (base: number[], head: number[]) => {
    const c = compare(
      side('base', { BenchmarkB: { ns: steady(100), bytes: base } }),
      side('head', { BenchmarkB: { ns: steady(100), bytes: head } })
    )
    const m = c.benchmarks[0].metrics.find(x => x.unit === 'B/op')!
    expect(m.kind).toBe('noisy')
    return { c, m }
  }

  it('B/op that varies is U-tested, not compared exactly: 18.5 ±3% → 18 ±6% is no improvement', () => {
    // btree's InsertG.
    const { c, m } = noisyBytes([18, 19, 18, 19, 18, 19, 18, 19], [17, 19, 18, 18, 17, 19, 18, 19])
    expect(m.verdict).toBe('unchanged')
    expect(c.benchmarks[0].verdict).toBe('unchanged')
  })

  it('B/op whose ranks shift but whose median does not: unchanged, not an improvement of +0.00%', () => {
    // The demo's A/B saw this: 20 rounds a side of 34,180 B/op give or take a byte.
    const { c, m } = noisyBytes(
      [100, 100, 100, 100, 100, 101, 101, 101],
      [99, 99, 99, 100, 100, 100, 100, 100]
    )
    expect(m.pAdjusted!).toBeLessThan(0.05)
    expect(m.deltaPercent).toBe(0)
    expect(m.verdict).toBe('unchanged')
    expect(c.benchmarks[0].verdict).toBe('unchanged')
  })

  it('B/op constant in a process but random between processes: a suspect the A/B clears', () => {
    // The screen: one process a side, 570.3 KiB vs 580.4 KiB, "±0%" each.
    const screen = compare(
      side('base', { BenchmarkRand: { ns: steady(1000), bytes: flat(584_000) } }),
      side('head', { BenchmarkRand: { ns: steady(1000), bytes: flat(594_300) } })
    )
    expect(screen.benchmarks[0].verdict).toBe('regression') // exact, within one process
    expect(suspectsOf(screen).map(b => b.name)).toEqual(['BenchmarkRand'])
    // The A/B: every round its own process, so the values differ round to round.
    const rounds = [584_000, 594_300, 589_100, 579_800, 598_200, 586_400, 591_700, 582_900]
    const ab = compare(
      side('base', { BenchmarkRand: { ns: steady(1000, 8), bytes: rounds } }),
      // Medians differ by 0.25%: exact, that would be a regression; U-tested it is noise.
      side('head', { BenchmarkRand: { ns: steady(1000, 8), bytes: rounds.map(x => x + 1500) } }),
      { threshold: 2.5 }
    )
    const c = applyConfirmation(screen, ab, 8)
    expect(c.benchmarks[0].verdict).toBe('unchanged')
    expect(c.benchmarks[0].metrics.find(m => m.unit === 'B/op')!.verdict).toBe('unchanged')
    expect(c.counts.regression).toBe(0)
  })

  it("an allocation row the A/B decided shows the A/B's numbers with its verdict, marked as such", () => {
    // The screen's B/op is a 1.76% growth within one process; the A/B's is 0.26% and noise.
    const rounds = [584_000, 594_300, 589_100, 579_800, 598_200, 586_400, 591_700, 582_900]
    const screen = compare(
      side('base', { BenchmarkRand: { ns: steady(1000), bytes: flat(584_000) } }),
      side('head', { BenchmarkRand: { ns: steady(1200), bytes: flat(594_300) } })
    )
    const ab = compare(
      side('base', { BenchmarkRand: { ns: steady(1000, 8), bytes: rounds } }),
      side('head', { BenchmarkRand: { ns: steady(1200, 8), bytes: rounds.map(x => x + 1500) } }),
      { threshold: 2.5 }
    )
    const c = applyConfirmation(screen, ab, 8)
    const bench = c.benchmarks[0]
    expect(bench.confirmation!.status).toBe('confirmed')
    const bytes = bench.metrics.find(m => m.unit === 'B/op')!
    const fromAb = ab.benchmarks[0].metrics.find(m => m.unit === 'B/op')!
    // The screen's row stays beside it, for the screen's Holm family.
    expect(bytes).toEqual({
      ...fromAb,
      measuredBy: 'ab',
      screen: screen.benchmarks[0].metrics.find(m => m.unit === 'B/op')
    })
    expect(bytes.deltaPercent).not.toBe(
      screen.benchmarks[0].metrics.find(m => m.unit === 'B/op')!.deltaPercent
    )
    // The time row stays the screen's: the A/B's time is in the confirmation.
    expect(bench.metrics.find(m => m.unit === 'ns/op')).toEqual(
      screen.benchmarks[0].metrics.find(m => m.unit === 'ns/op')
    )
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toContain('rows marked A/B are from the A/B rounds')
    expect(md).toMatch(
      /\| B\/op \(A\/B\) \| [^|]+ \| [^|]+ \| \+0\.26% \| [^|]+ \| ⚪ unchanged \|/
    )
  })

  it('a real extra allocation is confirmed by the A/B and gates with fail-on-alloc', () => {
    const screen = compare(
      side('base', { BenchmarkExtra: { ns: steady(1000), bytes: flat(64) } }),
      side('head', { BenchmarkExtra: { ns: steady(1000), bytes: flat(96) } }),
      { failOnAlloc: true }
    )
    const ab = compare(
      side('base', { BenchmarkExtra: { ns: steady(1000, 8), bytes: flat(64) } }),
      side('head', { BenchmarkExtra: { ns: steady(1000, 8), bytes: flat(96) } }),
      { failOnAlloc: true, threshold: 2.5 }
    )
    const c = applyConfirmation(screen, ab, 8)
    expect(c.benchmarks[0].verdict).toBe('regression')
    expect(c.gate.reasons).toEqual(['BenchmarkExtra B/op +50.00%'])
  })

  it('a time regression beside an allocation improvement says so in its headline', () => {
    const c = compare(
      side('base', { BenchmarkMixed: { ns: steady(1000), bytes: flat(100) } }),
      side('head', { BenchmarkMixed: { ns: steady(1300), bytes: flat(80) } })
    )
    const b = c.benchmarks[0]
    expect(b.verdict).toBe('regression')
    expect(b.summary).toMatch(
      /^BenchmarkMixed \+\d+\.\d+% \(p=[\d.<]+\); but B\/op -20\.00% \(improvement\)$/
    )
  })
})

describe('a suspect whose package the A/B left out as identical', () => {
  // The screen: A +20% in a package whose test binary the pull request did
  // not change (a slower baseline runner, say), B +20% in one it did.
  const inPkg = (s: Side, pkg: string, name: string): Side => ({
    ...s,
    benchmarks: s.benchmarks.map(b => (b.name === name ? { ...b, package: pkg } : b))
  })
  const screen = compare(
    inPkg(
      side('base', { BenchmarkA: { ns: steady(1000) }, BenchmarkB: { ns: steady(1000) } }),
      'example.com/same',
      'BenchmarkA'
    ),
    inPkg(
      side('head', { BenchmarkA: { ns: steady(1200) }, BenchmarkB: { ns: steady(1200) } }),
      'example.com/same',
      'BenchmarkA'
    )
  )
  // The A/B measured B (and reproduced it) and skipped A's package.
  const ab = {
    ...compare(
      side('base', { BenchmarkB: { ns: steady(1000, 10) } }),
      side('head', { BenchmarkB: { ns: steady(1200, 10) } }),
      { threshold: 2.5 }
    ),
    skipped: [{ package: 'example.com/same', reason: 'identical test binary', benchmarks: 0 }]
  }
  const c = applyConfirmation(screen, ab, 10)
  const a = c.benchmarks.find(b => b.name === 'BenchmarkA')!

  it('is cleared without rounds: unchanged, no breakdown, not in the gate', () => {
    expect(screen.benchmarks.find(b => b.name === 'BenchmarkA')!.verdict).toBe('regression')
    expect(a.confirmation).toMatchObject({ status: 'identical', rounds: 0, pAdjusted: null })
    expect(a.verdict).toBe('unchanged')
    expect(a.functions).toBeUndefined()
    expect(c.gate.reasons.join('\n')).not.toMatch(/BenchmarkA/)
    expect(c.gate.reasons.join('\n')).toMatch(/BenchmarkB/)
    expect(c.counts.regression).toBe(1)
  })

  it('the comment says why it was cleared', () => {
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toMatch(/\*\*Cleared without rounds\*\*/)
    expect(md).toMatch(/identical at the base revision, so the screen's difference is noise/)
  })

  it('stays cleared when the report is re-judged from its JSON', () => {
    const again = rejudge(sanitizeComparison(JSON.parse(JSON.stringify(c))))
    const a2 = again.benchmarks.find(b => b.name === 'BenchmarkA')!
    expect(a2.confirmation?.status).toBe('identical')
    expect(a2.verdict).toBe('unchanged')
    expect(again.gate.reasons).toEqual(c.gate.reasons)
  })
})
