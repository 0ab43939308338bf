/**
 * Golden comments, one per shape the comment takes, rendered from
 * committed comparison JSON (fixtures/golden/<shape>.json) to committed
 * Markdown (fixtures/golden/<shape>.md). A wording change shows as a diff
 * of the .md in review; a change of what the judge decides shows as a
 * diff of the .json. `UPDATE_GOLDEN=1 npm run test:unit` writes both.
 *
 * The comparisons are made by the real judge from deterministic sides
 * (compare, applyConfirmation, mergeComparisons, rejudge), so they are
 * what benchgate itself produces. The fork's shape is a forged report
 * (its gate says pass), read and judged again as the comment job does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Side, SideBenchmark } from '../../../src/compare/input.js'
import type { CompareOptions, Comparison } from '../../../src/compare/model.js'
import { sanitizeComparison } from '../../../src/compare/sanitize.js'
import { abOptions, compare, judgeScreen } from '../../../src/judge/judge.js'
import { applyConfirmation } from '../../../src/judge/confirmation.js'
import { mergeComparisons } from '../../../src/judge/merge-comparisons.js'
import { rejudge } from '../../../src/judge/rejudge.js'
import { noBaselineBody } from '../../../src/report/bodies.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { ROOT } from '../../helpers/go.js'

const GOLDEN = join(ROOT, 'fixtures', 'golden')
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const RENDER = {
  key: 'golden',
  repositoryUrl: 'https://github.com/acme/widgets',
  headSha: 'b'.repeat(40)
}

/** n samples around `level`, spread ±0.5% in a fixed pattern. */
const around = (level: number, n = 8): number[] =>
  Array.from({ length: n }, (_, i) =>
    Number((level * (1 + (((i * 7) % 11) - 5) / 1000)).toFixed(1))
  )

type Spec = {
  ns: number
  bytes?: number
  allocs?: number
  n?: number
  contention?: SideBenchmark['contention']
}

function side(label: string, specs: Record<string, Spec>, pkg = 'example.com/widgets/store'): Side {
  return {
    label,
    kind: 'text',
    benchmarks: Object.entries(specs).map(([name, s]) => ({
      package: pkg,
      name,
      samples: {
        'ns/op': around(s.ns, s.n),
        ...(s.bytes !== undefined ? { 'B/op': Array(s.n ?? 8).fill(s.bytes) } : {}),
        ...(s.allocs !== undefined ? { 'allocs/op': Array(s.n ?? 8).fill(s.allocs) } : {})
      },
      ...(s.contention ? { contention: s.contention } : {})
    })),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {},
    environment: {
      commit: label === 'base' ? 'a'.repeat(40) : 'b'.repeat(40),
      ref: label === 'base' ? 'refs/heads/main' : 'refs/pull/7/merge',
      goVersion: 'go1.26.0',
      goos: 'linux',
      goarch: 'amd64',
      cpu: 'AMD EPYC'
    }
  }
}

const flat = (names: string[], ns = 1000): Record<string, Spec> =>
  Object.fromEntries(names.map((n, i) => [n, { ns: ns + 100 * i, bytes: 64, allocs: 1 }]))

/** The comparisons, one per shape, as the judge makes them. */
function shapes(): Record<string, Comparison> {
  const names = ['BenchmarkGet-2', 'BenchmarkPut-2', 'BenchmarkScan-2', 'BenchmarkDelete-2']
  const base = side('base', flat(names))
  const slowPut = (x: Record<string, Spec>): Record<string, Spec> => ({
    ...x,
    'BenchmarkPut-2': { ns: 1100 * 1.2, bytes: 96, allocs: 2 }
  })
  const baselineRegression = judgeScreen(
    compare(base, side('head', slowPut(flat(names)))),
    'baseline'
  )

  // Gate confirmed: Put +20% (confirmed), Scan +12% (refuted by the A/B),
  // Delete +9% (the A/B could not measure it).
  const headC = side('head', {
    ...slowPut(flat(names)),
    'BenchmarkScan-2': { ns: 1200 * 1.12, bytes: 64, allocs: 1 },
    'BenchmarkDelete-2': { ns: 1300 * 1.09, bytes: 64, allocs: 1 }
  })
  const screen = compare(base, headC)
  const abSide = (label: string, put: number, scan: number): Side =>
    side(label, {
      'BenchmarkPut-2': { ns: put, bytes: 96, allocs: 2, n: 10 },
      'BenchmarkScan-2': { ns: scan, bytes: 64, allocs: 1, n: 10 }
    })
  const ab = compare(
    abSide('base', 1100, 1200),
    abSide('head', 1100 * 1.19, 1200 * 1.004),
    abOptions(screen.options, 10)
  )
  const confirmed = applyConfirmation(screen, ab, 10, {
    base: { commit: 'c'.repeat(40), ref: 'main' },
    elapsedMs: 42_000
  })

  // A run shift: the head ran on a slower runner (every benchmark about
  // +25%), and Put is 20% slower again on top of it.
  const many = Array.from({ length: 10 }, (_, i) => `BenchmarkOp${i}-2`)
  const shiftBase = side('base', flat(many))
  const shiftHead = side(
    'head',
    Object.fromEntries(
      many.map((n, i) => [
        n,
        { ns: (1000 + 100 * i) * (i === 3 ? 1.25 * 1.2 : 1.25), bytes: 64, allocs: 1 }
      ])
    )
  )
  const shiftScreen = compare(shiftBase, shiftHead)
  // The A/B, on a quiet runner: Op3 is 20% slower, the others as they were.
  const quiet = (label: string, slower: number): Side =>
    side(
      label,
      Object.fromEntries(
        many.map((n, i) => [
          n,
          { ns: (1000 + 100 * i) * (i === 3 ? slower : 1), bytes: 64, allocs: 1, n: 10 }
        ])
      )
    )
  const shiftAb = compare(quiet('base', 1), quiet('head', 1.2), abOptions(shiftScreen.options, 10))
  const shifted = applyConfirmation(shiftScreen, shiftAb, 10, {
    base: { commit: 'c'.repeat(40), ref: 'main' },
    elapsedMs: 30_000
  })

  // Contention: the mutex wait of Put doubled, and the team gates on locks.
  const rounds = (x: number): NonNullable<SideBenchmark['contention']> => ({
    rounds: 8,
    counts: [100, 1000],
    metrics: { mutex_delay: around(x), block_delay: around(50) }
  })
  const lockOpts: Partial<CompareOptions> = { failOnContention: ['mutex'] }
  const contention = judgeScreen(
    compare(
      side('base', { 'BenchmarkPut-2': { ns: 1000, contention: rounds(200) } }),
      side('head', { 'BenchmarkPut-2': { ns: 1002, contention: rounds(420) } }),
      lockOpts
    ),
    'baseline'
  )

  // A sharded merge whose shard 2 of 3 did not report.
  const shardOf = (pkg: string, slower: number): Comparison =>
    judgeScreen(
      compare(
        side('base', flat(names), pkg),
        side(
          'head',
          { ...flat(names), 'BenchmarkPut-2': { ns: 1100 * slower, bytes: 64, allocs: 1 } },
          pkg
        )
      ),
      'baseline'
    )
  const merged = mergeComparisons(
    [
      { source: 'shard 1/3', comparison: shardOf('example.com/widgets/store', 1.3) },
      { source: 'shard 3/3', comparison: shardOf('example.com/widgets/index', 1) }
    ],
    [{ source: 'shard 2/3', reason: 'the job failed before it uploaded its report' }]
  )

  // A fork's report that says its gate passed (the comment job judges it again).
  const forged = {
    ...baselineRegression,
    gate: { fail: false, reasons: [] },
    verdict: 'unchanged' as const,
    benchmarks: baselineRegression.benchmarks.map(b => ({ ...b, verdict: 'unchanged' as const }))
  }

  // Over budget: 120 regressed benchmarks with long names.
  const wide = Array.from(
    { length: 120 },
    (_, i) => `BenchmarkVeryLongName/size=${i}/${'x'.repeat(60)}-2`
  )
  const overBudget = judgeScreen(
    compare(
      side('base', flat(wide)),
      side(
        'head',
        Object.fromEntries(
          wide.map((n, i) => [n, { ns: (1000 + 100 * i) * 1.3, bytes: 64, allocs: 1 }])
        )
      )
    ),
    'baseline'
  )

  return {
    'baseline-regression': baselineRegression,
    'confirmed-refuted-unmeasured': confirmed,
    'run-shift': shifted,
    contention,
    'sharded-missing-shard': merged,
    'fork-rejudged': forged,
    'over-budget': overBudget
  }
}

/** Budgets: the comment's, except the over-budget shape, which shows the cut. */
const budget = (shape: string): number | undefined => (shape === 'over-budget' ? 8_000 : undefined)

describe('golden comments, one per shape', () => {
  const made = UPDATE ? shapes() : undefined
  const names = [
    'baseline-regression',
    'confirmed-refuted-unmeasured',
    'run-shift',
    'contention',
    'sharded-missing-shard',
    'fork-rejudged',
    'over-budget'
  ]

  it.each(names)('%s', shape => {
    const json = join(GOLDEN, `${shape}.json`)
    const md = join(GOLDEN, `${shape}.md`)
    if (made) writeFileSync(json, JSON.stringify(made[shape], null, 1) + '\n')
    expect(existsSync(json), `${json}: run UPDATE_GOLDEN=1 npm run test:unit`).toBe(true)
    // A fork's report is read and judged as the comment job does; the
    // others are the PR job's own comparisons.
    const data: unknown = JSON.parse(readFileSync(json, 'utf8'))
    const c = shape === 'fork-rejudged' ? rejudge(sanitizeComparison(data)) : (data as Comparison)
    const out = renderMarkdown(c, {
      ...RENDER,
      ...(budget(shape) ? { budgetBytes: budget(shape) } : {})
    })
    if (UPDATE) writeFileSync(md, out)
    expect(out).toBe(readFileSync(md, 'utf8'))
  })

  it('no-baseline', () => {
    const out = noBaselineBody({
      key: 'golden',
      reason:
        'no successful push run of workflow bench.yml on branch main in acme/widgets was found',
      branch: 'main',
      artifactName: 'benchgate-baseline',
      measured: 12
    })
    const md = join(GOLDEN, 'no-baseline.md')
    if (UPDATE) writeFileSync(md, out)
    expect(out).toBe(readFileSync(md, 'utf8'))
  })

  it('every shape shows what it is for', () => {
    if (!existsSync(join(GOLDEN, 'run-shift.md'))) return
    const read = (s: string) => readFileSync(join(GOLDEN, `${s}.md`), 'utf8')
    expect(read('baseline-regression')).toMatch(/the gate fails/)
    expect(read('confirmed-refuted-unmeasured')).toMatch(/Confirmed on this runner/)
    expect(read('confirmed-refuted-unmeasured')).toMatch(/not measured by the A\/B/)
    expect(read('sharded-missing-shard')).toMatch(/shard 2\/3/)
    expect(read('over-budget')).toMatch(/Left out to fit GitHub's comment size limit/)
    expect(read('fork-rejudged')).toMatch(/the gate fails/)
    expect(read('contention')).toMatch(/[Mm]utex/)
  })
})
