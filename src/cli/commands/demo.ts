/**
 * `benchgate demo`: the whole pipeline on the bundled demo module — a base
 * run as committed and a head run with a seeded CPU regression and a
 * seeded allocation (`-tags=benchgate_demo_regression`) — then the report.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { localEngine } from '../../engine/index.js'
import { runToBundle } from '../../engine/measure.js'
import { compareAndReport } from '../../engine/report.js'
import {
  COMPARE_OPTIONS,
  compareOptions,
  emitComparison,
  runSettingsFrom,
  str,
  UsageError,
  type Command
} from '../options.js'
import { runProgress } from '../progress.js'

/** The demo module ships beside dist/ in this repository. */
function demoModule(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo')
}

/** What the demo writes in its directory; anything else there is the user's. */
const DEMO_FILES = new Set(['base', 'head', 'comment.md', 'summary.md', 'comparison.json'])

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
  usage: 'benchgate demo [--out DIR] [--count N] [--benchtime T] [--format markdown|json|text]',
  options: {
    out: { type: 'string' },
    count: { type: 'string' },
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
    const { go, git } = localEngine()
    console.error('benchgate demo: the base run (fixtures/demo as committed)')
    await runToBundle(go, git, base, runProgress(started))
    console.error(
      'benchgate demo: the head run (-tags=benchgate_demo_regression: a seeded CPU and allocation regression)'
    )
    await runToBundle(
      go,
      git,
      { ...base, out: join(out, 'head'), extraFlags: ['-tags=benchgate_demo_regression'] },
      runProgress(started)
    )
    const outputs = await compareAndReport(join(out, 'base'), join(out, 'head'), opts, {
      key: 'demo',
      pathsRelativeTo: resolve('.')
    })
    await mkdir(out, { recursive: true })
    await writeFile(join(out, 'comment.md'), outputs.comment)
    await writeFile(join(out, 'summary.md'), outputs.summary)
    await writeFile(
      join(out, 'comparison.json'),
      JSON.stringify(outputs.comparison, null, 1) + '\n'
    )
    console.error(
      `benchgate demo: wrote ${join(out, 'base')}, ${join(out, 'head')}, comment.md, summary.md and comparison.json in ${out}`
    )
    return emitComparison(values, outputs)
  }
}
