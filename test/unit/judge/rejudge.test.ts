/**
 * One verdict rule (src/compare/verdicts.ts decideVerdicts), used by the
 * screen, by the confirmation and by re-judging: a comparison that
 * `compare` and the confirmation produced, judged again from its numbers
 * (src/judge/rejudge.ts, as the comment job and the sharded merge do),
 * comes back unchanged: every verdict, adjusted p, count, gate reason and
 * blocking mark. Property-based, on generated sides.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Side } from '../../../src/compare/input.js'
import type { Comparison } from '../../../src/compare/model.js'
import { abOptions, compare } from '../../../src/judge/judge.js'
import { applyConfirmation, suspectsOf } from '../../../src/judge/confirmation.js'
import { rejudge } from '../../../src/judge/rejudge.js'

type Bench = { ns: number[]; bytes: number[] }

function side(label: string, benches: Record<string, Bench>): Side {
  return {
    label,
    kind: 'text',
    benchmarks: Object.entries(benches).map(([name, v]) => ({
      package: 'example.com/p',
      name,
      samples: { 'ns/op': v.ns, 'B/op': v.bytes }
    })),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {},
    environment: { commit: label === 'base' ? 'a'.repeat(40) : 'b'.repeat(40) }
  }
}

/** What re-judging must give back: every decision, nothing rendered. */
function decisions(c: Comparison): unknown {
  return {
    verdict: c.verdict,
    gate: c.gate,
    counts: c.counts,
    benchmarks: c.benchmarks.map(b => ({
      name: b.name,
      verdict: b.verdict,
      blocks: b.blocks ?? false,
      status: b.confirmation?.status,
      metrics: b.metrics.map(m => [m.unit, m.kind, m.verdict, m.pAdjusted])
    }))
  }
}

/** A benchmark's samples: a level, a per-side change, a spread, whether B/op varies. */
const bench = fc.record({
  level: fc.integer({ min: 100, max: 5000 }),
  change: fc.constantFrom(0, 0, 0.01, 0.04, 0.08, 0.3, -0.1),
  spread: fc.constantFrom(0.001, 0.01, 0.05),
  n: fc.constantFrom(3, 5, 6, 8),
  bytes: fc.constantFrom(0, 64, 96),
  bytesNoise: fc.boolean()
})

function samples(
  b: {
    level: number
    change: number
    spread: number
    n: number
    bytes: number
    bytesNoise: boolean
  },
  seed: number,
  head: boolean
): Bench {
  let s = seed
  const rand = (): number => (s = (s * 16807) % 2147483647) / 2147483647
  const level = b.level * (head ? 1 + b.change : 1)
  return {
    ns: Array.from({ length: b.n }, () =>
      Number((level * (1 + b.spread * (rand() - 0.5))).toFixed(2))
    ),
    bytes: Array.from({ length: b.n }, () => b.bytes + (b.bytesNoise ? Math.round(rand() * 4) : 0))
  }
}

describe('re-judging gives back what the judge decided', () => {
  it('for screens and confirmations made by compare() on generated sides', () => {
    fc.assert(
      fc.property(
        fc.array(bench, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        fc.constantFrom(0, 5),
        (list, seed, failOnAlloc, allocThreshold) => {
          const opts = { failOnAlloc, allocThreshold }
          const names = list.map((_, i) => `BenchmarkB${i}`)
          const base = side(
            'base',
            Object.fromEntries(list.map((b, i) => [names[i], samples(b, seed + i, false)]))
          )
          const head = side(
            'head',
            Object.fromEntries(list.map((b, i) => [names[i], samples(b, seed + 7 * i + 3, true)]))
          )
          const screen = compare(base, head, opts)
          expect(decisions(rejudge(structuredClone(screen)))).toEqual(decisions(screen))
          // The confirmation: an A/B of every other suspect at 10 rounds
          // (the rest not measured), judged as confirmSuspects judges it.
          const suspects = suspectsOf(screen).filter((_, i) => i % 2 === 0)
          if (suspects.length === 0) return
          const pick = (s: Side): Side => ({
            ...s,
            benchmarks: s.benchmarks.filter(b => suspects.some(x => x.name === b.name))
          })
          const abList = list.map(b => ({ ...b, n: 10 }))
          const abBase = side(
            'base',
            Object.fromEntries(abList.map((b, i) => [names[i], samples(b, seed + 11 * i, false)]))
          )
          const abHead = side(
            'head',
            Object.fromEntries(
              abList.map((b, i) => [names[i], samples(b, seed + 13 * i + 5, true)])
            )
          )
          const ab = compare(pick(abBase), pick(abHead), abOptions({ ...screen.options }, 10))
          const confirmed = applyConfirmation(screen, ab, 10)
          expect(decisions(rejudge(structuredClone(confirmed)))).toEqual(decisions(confirmed))
        }
      ),
      { numRuns: 300 }
    )
  })
})
