/**
 * `benchgate demo`: the whole pipeline of the Action's default gate
 * (`confirmed`) on the bundled demo module: a base run as committed and a
 * head run with a seeded CPU regression and a seeded allocation
 * (`-tags=benchgate_demo_regression`), the screen of head against base,
 * the confirmation of its suspects by interleaved A/B of the two builds,
 * then the report.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Measure } from '../../attribution/index.js'
import type { Comparison } from '../../compare/model.js'
import { confirmSuspects } from '../../engine/confirm.js'
import { localEngine } from '../../engine/index.js'
import { CONFIRM_ROUNDS_DEFAULT } from '../../judge/judge.js'
import { runToBundle } from '../../measure/pipeline.js'
import { compareAndReport } from '../../engine/outputs.js'
import { repositoryRoot, sameTreeSources } from '../../measure/sources.js'
import {
  COMPARE_OPTIONS,
  compareOptions,
  emitComparison,
  runSettingsFrom,
  str,
  UsageError,
  type Command
} from '../options.js'
import { abProgress, runProgress } from '../progress.js'

/** The build tag that seeds the demo's regressions. */
const SEED = '-tags=benchgate_demo_regression'

/** The demo module ships beside dist/ in this repository. */
function demoModule(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo')
}

/** What the demo writes in its directory; anything else there is the user's. */
const DEMO_FILES = new Set([
  'base',
  'head',
  'confirm',
  'comment.md',
  'summary.md',
  'comparison.json'
])

/** Refuse, before any work, a --out that holds files the demo did not write. */
async function checkDemoDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[])
  const foreign = entries.filter(e => !DEMO_FILES.has(e))
  if (foreign.length > 0)
    throw new UsageError(
      `--out ${dir} holds files the demo did not write (${foreign.slice(0, 3).join(', ')}); choose an empty or new directory`
    )
}

/** The `demo` command. */
export const demoCommand: Command = {
  usage:
    'benchgate demo [--out DIR] [--count N] [--confirm-rounds N] [--benchtime T] [--format markdown|json|text]',
  options: {
    out: { type: 'string' },
    count: { type: 'string' },
    'confirm-rounds': { type: 'string' },
    benchtime: { type: 'string' },
    ...COMPARE_OPTIONS
  },
  async run(values, positionals) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const out = resolve(str(values, 'out') ?? 'benchgate-demo')
    await checkDemoDir(out)
    const opts = compareOptions(values)
    const started = Date.now()
    // --out names the demo's directory; the bundles go below it.
    const base = runSettingsFrom(
      { ...values, out: undefined },
      {
        dir: demoModule(),
        count: 6,
        benchtime: '200ms',
        timeout: '10m',
        out: join(out, 'base')
      }
    )
    const rounds = runSettingsFrom(
      values,
      { ...base, count: CONFIRM_ROUNDS_DEFAULT },
      'confirm-rounds'
    ).count
    const { go, git, runAb } = localEngine(base.timeout)
    console.error('benchgate demo: the base run (fixtures/demo as committed)')
    await runToBundle(go, git, base, runProgress(started))
    console.error(`benchgate demo: the head run (${SEED}: a seeded CPU and allocation regression)`)
    await runToBundle(
      go,
      git,
      { ...base, out: join(out, 'head'), extraFlags: [SEED] },
      runProgress(started)
    )
    // Both sides are this tree, under two build tags: every line is the same line.
    const sources = sameTreeSources(await repositoryRoot(git, demoModule()))
    const outputs = await compareAndReport(join(out, 'base'), join(out, 'head'), opts, {
      key: 'demo',
      pathsRelativeTo: resolve('.'),
      sources,
      // The Action's default gate: the screen's suspects are re-measured by
      // interleaved A/B of the two builds, so drift between the two runs
      // above neither hides the seeded regressions nor raises false alarms.
      judge: screen => {
        console.error(
          `benchgate demo: confirming the screen's suspects by interleaved A/B, ${rounds} rounds`
        )
        return confirmSuspects(
          runAb,
          screen,
          {
            ...base,
            rounds,
            buildFlags: [],
            sideFlags: { head: [SEED] },
            base: undefined,
            out: join(out, 'confirm'),
            sources
          },
          opts,
          abProgress(started)
        )
      }
    })
    await mkdir(out, { recursive: true })
    await writeFile(join(out, 'comment.md'), outputs.comment)
    await writeFile(join(out, 'summary.md'), outputs.summary)
    await writeFile(
      join(out, 'comparison.json'),
      JSON.stringify(outputs.comparison, null, 1) + '\n'
    )
    console.error(
      `benchgate demo: wrote the base, head and confirm bundles, comment.md, summary.md and comparison.json in ${out}`
    )
    await emitComparison(values, outputs)
    return demoVerdict(outputs.comparison)
  }
}

/** The demo's seeded culprits: what its comparison must name, measure by measure. */
const SEEDED: readonly {
  benchmark: string
  measure: Measure
  culprit: string
  /** The culprit's first hot line, where the seed put all of its cost. */
  line?: string
}[] = [
  { benchmark: 'BenchmarkTokenize', measure: 'cpu', culprit: 'example.com/demo/textproc.Tokenize' },
  { benchmark: 'BenchmarkIntern', measure: 'cpu', culprit: 'example.com/demo/textproc.cloneWord' },
  {
    benchmark: 'BenchmarkIntern',
    measure: 'alloc_space',
    culprit: 'example.com/demo/textproc.cloneWord',
    line: 'b := make([]byte, len(w), 512)'
  }
]

/**
 * The demo works when the gate fired on its seeded regressions and the
 * report names each seeded culprit first (by the growth of its own cost):
 * exit 0, saying that a pull request like this fails its check. Anything
 * else is the demo failing its own self-check: exit 1, saying what.
 */
export function demoVerdict(c: Comparison): number {
  const problems: string[] = []
  if (c.confirmation?.error)
    problems.push(`the confirmation could not run (${c.confirmation.error})`)
  if (!c.gate.fail) problems.push('the gate did not fire on the seeded regressions')
  for (const s of SEEDED) {
    const b = c.benchmarks.find(x => x.name.startsWith(`${s.benchmark}-`) || x.name === s.benchmark)
    // The comment's own order: its first row is what it names first.
    const first = b?.functions?.[s.measure]?.[0]
    if (!b || b.verdict !== 'regression')
      problems.push(`${s.benchmark} was not called a regression`)
    else if (first?.name !== s.culprit || !first.beyondNoise)
      problems.push(
        `${s.benchmark}'s ${s.measure} breakdown does not rank ${s.culprit} first, beyond sampling noise`
      )
    else if (s.line !== undefined && first.lines?.[0]?.text !== s.line)
      problems.push(
        `${s.benchmark}'s ${s.measure} hot lines of ${s.culprit} do not start with \`${s.line}\``
      )
  }
  if (problems.length > 0) {
    console.error(`benchgate demo: self-check FAILED: ${[...new Set(problems)].join('; ')}.`)
    return 1
  }
  console.error(
    'benchgate demo: it works. The gate fired on the seeded regressions and the report names each seeded culprit first, down to its line: a pull request like this would fail its check (exit 1 in CI).'
  )
  return 0
}
