/**
 * Merging shard comparisons (issue 18), on sides the real compare() and
 * applyConfirmation() judged. The oracle is one unsharded comparison of
 * the same data: the merge must give its verdicts, adjusted p-values and
 * gate, although each shard alone corrected over fewer tests.
 */
import { describe, expect, it } from 'vitest'
import type { Side } from '../../../src/compare/input.js'
import { explain } from '../../../src/compare/functions.js'
import type { Comparison, FunctionDelta } from '../../../src/compare/model.js'
import { compare } from '../../../src/judge/judge.js'
import { applyConfirmation } from '../../../src/judge/confirmation.js'
import {
  MergeError,
  mergeComparisons,
  rejudgeMerged,
  type MergeInput
} from '../../../src/judge/merge-comparisons.js'
import { sanitizeComparison } from '../../../src/compare/sanitize.js'
import { rejudge } from '../../../src/judge/rejudge.js'
import { renderMarkdown } from '../../../src/report/markdown.js'

type Samples = Record<string, number[]>

/** A side of benchmarks in packages: package → benchmark → ns/op samples. */
function side(label: string, pkgs: Record<string, Samples>, commit = label[0]): Side {
  return {
    label,
    kind: 'text',
    benchmarks: Object.entries(pkgs).flatMap(([pkg, benches]) =>
      Object.entries(benches).map(([name, ns]) => ({
        package: pkg,
        name,
        samples: { 'ns/op': ns }
      }))
    ),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {},
    environment: { commit: commit.repeat(40), ref: 'refs/heads/main' }
  }
}

const base6 = [1000, 1001, 1002, 1003, 1004, 1005]
// +10% at the median, with one of six head values among the base's: a U
// test p of 0.0043, significant after Holm over 8 tests (4 of them
// flat), not over 16.
const slower = [1100, 1101, 1102, 1103, 1104, 1004.5]
// The A/B's rounds: ten a side, three head values among the base's: p
// 0.0147, confirmed after Holm over 2 suspects, not over 4 or 8.
const base10 = [...base6, 1006, 1007, 1008, 1009]
const slower10 = [1100, 1101, 1102, 1103, 1104, 1105, 1106, 1002.5, 1003.5, 1004.5]

const PKGS = ['example.com/a', 'example.com/b', 'example.com/c', 'example.com/d']
/**
 * Per package: two benchmarks 10% slower, two flat. Half of the run moved,
 * too few for a run shift (judge/nominate.ts): each shard's runner would
 * judge its own shift, which no unsharded run can reproduce.
 */
function data(): { base: Record<string, Samples>; head: Record<string, Samples> } {
  const base: Record<string, Samples> = {}
  const head: Record<string, Samples> = {}
  for (const p of PKGS) {
    base[p] = {}
    head[p] = {}
    for (const n of ['BenchmarkX', 'BenchmarkY']) {
      base[p][n] = base6
      head[p][n] = slower
    }
    for (const n of ['BenchmarkFlat', 'BenchmarkZ']) {
      base[p][n] = base6
      head[p][n] = base6
    }
  }
  return { base, head }
}
const only = (all: Record<string, Samples>, pkgs: string[]): Record<string, Samples> =>
  Object.fromEntries(pkgs.map(p => [p, all[p]]))

/** Shards: packages a+b, c, d. */
const SHARDS = [[PKGS[0], PKGS[1]], [PKGS[2]], [PKGS[3]]]

const verdicts = (c: Comparison) =>
  Object.fromEntries(
    c.benchmarks.map(b => [
      `${b.package} ${b.name}`,
      { verdict: b.verdict, p: b.metrics[0].pAdjusted, status: b.confirmation?.status }
    ])
  )

/**
 * The screen of packages ps against the baseline, by the U test: its p has
 * a floor, so Holm across 4 suspects or 16 benchmarks decides what a shard
 * alone would call differently (Welch's test, the default, would call them all).
 */
function screenOf(ps: string[]): Comparison {
  const { base, head } = data()
  return compare(side('base', only(base, ps)), side('head', only(head, ps)), { test: 'utest' })
}

/** The A/B of packages ps: their suspects alone (the slower two of each), ten rounds a side. */
function abOf(ps: string[]): Comparison {
  const { base, head } = data()
  const suspects = (s: Record<string, Samples>, f: () => number[]) =>
    Object.fromEntries(
      Object.entries(s).map(([p, bs]) => [
        p,
        Object.fromEntries(
          Object.keys(bs)
            .filter(n => n === 'BenchmarkX' || n === 'BenchmarkY')
            .map(n => [n, f()])
        )
      ])
    )
  return compare(
    side(
      'base',
      suspects(only(base, ps), () => base10)
    ),
    side(
      'head',
      suspects(only(head, ps), () => slower10)
    ),
    { threshold: 2.5, test: 'utest' }
  )
}

describe('mergeComparisons, gate baseline', () => {
  const { base, head } = data()
  const whole = compare(side('base', base), side('head', head))
  const shards: MergeInput[] = SHARDS.map((ps, i) => ({
    source: `shard-${i + 1}.json`,
    comparison: compare(side('base', only(base, ps)), side('head', only(head, ps)))
  }))
  const merged = mergeComparisons(shards)

  it('needs the merge: each shard alone calls what the whole does not', () => {
    // Not vacuous: a shard corrects over 4 or 8 tests, the whole over 16.
    expect(shards.some(s => s.comparison.gate.fail)).toBe(true)
    const alone = shards.flatMap(s => s.comparison.benchmarks.map(b => b.verdict))
    expect(alone).toContain('regression')
    expect(whole.counts.regression).toBeLessThan(alone.filter(v => v === 'regression').length)
  })

  it("gives the unsharded comparison's verdicts, adjusted p, counts and gate", () => {
    expect(verdicts(merged)).toEqual(verdicts(whole))
    expect(merged.counts).toEqual(whole.counts)
    expect(merged.verdict).toBe(whole.verdict)
    expect(merged.gate).toEqual(whole.gate)
    expect(merged.benchmarks.map(b => b.name)).toEqual(whole.benchmarks.map(b => b.name))
  })

  it('merges the geometric means from each shard’s', () => {
    expect(merged.geomean).toHaveLength(1)
    expect(merged.geomean[0].n).toBe(whole.geomean[0].n)
    expect(merged.geomean[0].base).toBeCloseTo(whole.geomean[0].base, 6)
    expect(merged.geomean[0].deltaPercent).toBeCloseTo(whole.geomean[0].deltaPercent, 9)
  })

  it('says it was merged, and from what', () => {
    expect(merged.notes[0]).toBe(
      'Merged from 3 shards (shard-1.json, shard-2.json, shard-3.json); p-values are corrected across all 16 benchmarks.'
    )
    expect(renderMarkdown(merged, { key: 'k' })).toContain('Merged from 3 shards')
  })
})

describe('mergeComparisons, gate confirmed', () => {
  // The slower benchmarks are suspects (+10%); the A/B of shard i measures its own.
  const confirmOf = (ps: string[]): Comparison => applyConfirmation(screenOf(ps), abOf(ps), 10)
  const whole = confirmOf(PKGS)
  const shards = SHARDS.map((ps, i) => ({ source: `s${i + 1}`, comparison: confirmOf(ps) }))
  const merged = mergeComparisons(shards)

  it('corrects the confirmations across all shards’ suspects, as one run would', () => {
    const statuses = (c: Comparison) => c.benchmarks.map(b => b.confirmation?.status)
    // Not vacuous: some shard alone confirms what the whole does not.
    expect(shards.flatMap(s => statuses(s.comparison))).toContain('confirmed')
    expect(statuses(whole)).not.toContain('confirmed')
    // Shards c and d (2 suspects each) confirm alone; a+b (4) does not.
    expect(shards.map(s => s.comparison.confirmation?.confirmed)).toEqual([0, 2, 2])
    expect(verdicts(merged)).toEqual(verdicts(whole))
    expect(merged.gate.fail).toBe(whole.gate.fail)
    expect(merged.confirmation?.suspects).toBe(whole.confirmation?.suspects)
    expect(merged.confirmation?.confirmed).toBe(whole.confirmation?.confirmed)
  })

  it('is judged again, from a report, as the merge judged it: per shard, Holm across all', () => {
    expect(merged.benchmarks.map(b => b.shard).sort()).toEqual(
      PKGS.flatMap((_, i) => Array(4).fill(`s${i < 2 ? 1 : i}`)).sort()
    )
    const travelled = sanitizeComparison(JSON.parse(JSON.stringify(merged)))
    const again = rejudgeMerged(travelled)
    expect(verdicts(again)).toEqual(verdicts(merged))
    expect(again.gate).toEqual(merged.gate)
    expect(again.confirmation?.confirmed).toBe(merged.confirmation?.confirmed)
    // A forged verdict does not survive it.
    const forged = {
      ...travelled,
      gate: { fail: false, reasons: [] },
      benchmarks: travelled.benchmarks.map(b => ({ ...b, verdict: 'unchanged' as const }))
    }
    expect(verdicts(rejudgeMerged(forged))).toEqual(verdicts(merged))
  })
})

describe("a confirmed regression's breakdown from the A/B rounds", () => {
  // Shard d alone: its two suspects confirm (Holm over 2), and the A/B's
  // profiles name a culprit in each, 10 → 110 ns/op.
  const ps = [PKGS[3]]
  const screen = screenOf(ps)
  const ab = abOf(ps)
  const costs = (x: number) => ({ flat: x, cum: x, self: x })
  for (const b of ab.benchmarks) {
    const hot: FunctionDelta = {
      name: `${b.package}.hot${b.name}`,
      status: 'changed',
      base: costs(10),
      head: costs(110),
      delta: costs(100),
      beyondNoise: true
    }
    b.functions = { cpu: [hot] }
    b.summary = explain(b)
  }
  const shard = applyConfirmation(screen, ab, 10)
  const confirmedIn = (c: Comparison) =>
    c.benchmarks.filter(b => b.confirmation?.status === 'confirmed')

  it('survives the merge and the comment job’s re-judge of a report', () => {
    expect(confirmedIn(shard)).toHaveLength(2)
    const travelled = sanitizeComparison(JSON.parse(JSON.stringify(shard)))
    const merged = mergeComparisons([{ source: 's4', comparison: travelled }])
    for (const again of [merged, rejudge(travelled), rejudgeMerged(merged)]) {
      expect(confirmedIn(again)).toHaveLength(2)
      for (const b of confirmedIn(again)) {
        const culprit = `example.com/d.hot${b.name}`
        expect(b.functionsFrom).toBe('ab')
        expect(b.functions?.cpu?.map(f => f.name)).toEqual([culprit])
        expect(b.summary).toContain(`: ${culprit} +100 ns/op`)
        expect(b.summary).toContain('confirmed by A/B on this runner')
      }
      const md = renderMarkdown(again, { key: 'k' })
      expect(md).toContain("Function costs from the A/B rounds' profiles")
      expect(md).not.toContain('No function breakdown')
    }
  })
})

describe('mergeComparisons refuses what is not one run', () => {
  const { base, head } = data()
  const part = (ps: string[], opts = {}, commit = 'h') =>
    compare(side('base', only(base, ps)), side('head', only(head, ps), commit), opts)

  it('a benchmark in two shards', () => {
    expect(() =>
      mergeComparisons([
        { source: 'one.json', comparison: part([PKGS[0], PKGS[1]]) },
        { source: 'two.json', comparison: part([PKGS[1]]) }
      ])
    ).toThrow(/of example.com\/b is in both one.json and two.json: the shards overlap/)
  })

  it('different options, naming the option', () => {
    expect(() =>
      mergeComparisons([
        { source: 'one.json', comparison: part([PKGS[0]]) },
        { source: 'two.json', comparison: part([PKGS[1]], { threshold: 10 }) }
      ])
    ).toThrow('two.json was compared with other settings than one.json (threshold 5 against 10)')
  })

  it('different commits', () => {
    expect(() =>
      mergeComparisons([
        { source: 'one.json', comparison: part([PKGS[0]]) },
        { source: 'two.json', comparison: part([PKGS[1]], {}, 'x') }
      ])
    ).toThrow(/two.json measured head xxxxxxxxxxxx, one.json hhhhhhhhhhhh/)
  })

  it('nothing to merge', () => {
    expect(() => mergeComparisons([])).toThrow(MergeError)
  })
})

describe('mergeComparisons with a shard missing', () => {
  const { base, head } = data()
  const flat = compare(side('base', only(base, [PKGS[0]])), side('head', only(base, [PKGS[0]])))
  const merged = mergeComparisons(
    [{ source: '1/3', comparison: flat }],
    [{ source: '2/3', reason: 'its job failed' }]
  )
  void head

  it('fails the gate and names the shard, and still shows the shards that reported', () => {
    expect(flat.gate.fail).toBe(false)
    expect(merged.gate).toEqual({
      fail: true,
      reasons: ['shard 2/3 did not report: its job failed']
    })
    expect(merged.benchmarks).toHaveLength(4)
    const md = renderMarkdown(merged, { key: 'k' })
    expect(md).toContain('Shard 2/3 did not report (its job failed)')
  })

  it("keeps failing when the comment job re-judges it from a fork's report", () => {
    // Through JSON and the sanitizer, as the report artifact travels.
    const travelled = sanitizeComparison(JSON.parse(JSON.stringify(merged)))
    expect(travelled.shards).toEqual(merged.shards)
    const again = rejudge(travelled)
    expect(again.gate.fail).toBe(true)
    expect(again.gate.reasons).toContain('shard 2/3 did not report: its job failed')
    // Not because of anything else: without the missing shard it passes.
    expect(rejudge({ ...travelled, shards: { merged: ['1/3'], missing: [] } }).gate.fail).toBe(
      false
    )
  })

  it('names shards without a baseline in the notes, without failing', () => {
    const m = mergeComparisons(
      [{ source: '1/3', comparison: flat }],
      [],
      [{ source: '3/3', reason: 'no artifact "k-shard-3-of-3"' }]
    )
    expect(m.gate.fail).toBe(false)
    expect(m.notes.join('\n')).toContain('Shard 3/3 had no baseline to compare with')
    expect(m.shards?.unbaselined).toEqual([
      { source: '3/3', reason: 'no artifact "k-shard-3-of-3"' }
    ])
  })
})

describe('mergeComparisons names the runners', () => {
  const { base } = data()
  const on = (cpu: string, pkgs: string[]) => {
    const c = compare(side('base', only(base, pkgs)), side('head', only(base, pkgs)))
    return { ...c, base: { ...c.base, cpu }, head: { ...c.head, cpu } }
  }

  it('says which CPU each shard ran on when they differ', () => {
    const m = mergeComparisons([
      { source: 'shard 1/2', comparison: on('AMD EPYC 7763', [PKGS[0]]) },
      { source: 'shard 2/2', comparison: on('Intel Xeon 8370C', [PKGS[1]]) }
    ])
    const note = m.notes.find(n => n.startsWith('The shards ran on different CPUs'))
    expect(note).toContain('shard 1/2 on AMD EPYC 7763')
    expect(note).toContain('shard 2/2 on Intel Xeon 8370C')
  })

  it('says nothing when every shard and its part ran on one model', () => {
    const m = mergeComparisons([
      { source: 'shard 1/2', comparison: on('AMD EPYC 7763', [PKGS[0]]) },
      { source: 'shard 2/2', comparison: on('AMD EPYC 7763', [PKGS[1]]) }
    ])
    expect(m.notes.some(n => n.includes('different CPUs'))).toBe(false)
  })
})

describe('mergeComparisons, the gate line', () => {
  it('leads with the worst regression, whichever shard found it, as one comparison would', () => {
    const slower = (k: number) => base6.map(x => x * k)
    const one = {
      'example.com/a': { BenchmarkMild: slower(1.2) },
      'example.com/b': { BenchmarkWorse: slower(1.8) }
    }
    const baseOf = {
      'example.com/a': { BenchmarkMild: base6 },
      'example.com/b': { BenchmarkWorse: base6 }
    }
    const whole = compare(side('base', baseOf), side('head', one))
    const shards: MergeInput[] = (['example.com/a', 'example.com/b'] as const).map((p, i) => ({
      source: `shard-${i + 1}.json`,
      comparison: compare(side('base', { [p]: baseOf[p] }), side('head', { [p]: one[p] }))
    }))
    const merged = mergeComparisons(shards)
    expect(whole.gate.reasons[0]).toMatch(/^BenchmarkWorse /)
    expect(merged.gate.reasons).toEqual(whole.gate.reasons)
  })
})
