#!/usr/bin/env node
// Benchmark: what `--profiles block,mutex,trace` costs a run, and that it
// leaves the timed runs alone (issue 16, "the timed runs with and without
// these profiles"). `benchgate run` on fixtures/contention, without and
// with the contention pass, interleaved; the wall times are compared, and
// the two runs' timed ns/op samples are handed to benchstat (pinned), the
// reference, which must find no difference the pass caused.
// Records the table in docs/performance.md.
//
//   node bench/contention-pass.mjs [--pairs 3] [--count 6] [--benchtime 100ms] [--rounds 5]
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    count: { type: 'string', default: '6' },
    benchtime: { type: 'string', default: '100ms' },
    rounds: { type: 'string', default: '5' }
  }
})
const work = join(root, 'bench', 'results', 'tmp', 'contention-pass')
mkdirSync(work, { recursive: true })
const module = join(root, 'fixtures', 'contention')
const cli = join(root, 'dist', 'cli.js')

const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da'
const bin = join(root, '.cache', 'bin')
execFileSync('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
  env: { ...process.env, GOBIN: bin },
  stdio: 'inherit'
})

const MODES = { plain: [], contention: ['--profiles', 'block,mutex,trace'] }
const wall = { plain: [], contention: [] }
const timed = { plain: '', contention: '' }
for (let p = 0; p < Number(values.pairs); p++)
  for (const [mode, flags] of p % 2 === 0
    ? Object.entries(MODES)
    : Object.entries(MODES).reverse()) {
    const out = join(work, `${mode}-${p}`)
    rmSync(out, { recursive: true, force: true })
    const started = process.hrtime.bigint()
    execFileSync(
      process.execPath,
      [
        cli,
        'run',
        '--dir',
        module,
        '--count',
        values.count,
        '--benchtime',
        values.benchtime,
        '--contention-rounds',
        values.rounds,
        ...flags,
        '--out',
        out
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] }
    )
    wall[mode].push(Number(process.hrtime.bigint() - started) / 1e9)
    // The timed runs' samples, as go test printed them, for benchstat.
    const bundle = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
    for (const b of bundle.benchmarks)
      b.samples['ns/op'].forEach((v, i) => {
        timed[mode] += `${b.name}\t${b.iterations[i]}\t${v} ns/op\n`
      })
    console.error(`pair ${p + 1}/${values.pairs}: ${mode} ${wall[mode].at(-1).toFixed(1)} s`)
  }
for (const mode of Object.keys(MODES))
  writeFileSync(join(work, `${mode}.txt`), `goos: linux\npkg: lockmap\n${timed[mode]}`)

const median = v => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]
const reference = execFileSync(
  join(bin, 'benchstat'),
  [join(work, 'plain.txt'), join(work, 'contention.txt')],
  { encoding: 'utf8' }
)
  .split('\n')
  .filter(l => /^(Benchmark|geomean)/.test(l.trim()) || /^\S+-2\s/.test(l))
  .map(l => `    ${l}`)
  .join('\n')
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}: \`benchgate run\` of fixtures/contention (3 benchmarks), -count ${values.count}, -benchtime ${values.benchtime}, ${values.pairs} interleaved pairs, medians.`,
  '',
  '| run | wall time | ratio |',
  '| - | - | - |',
  `| cpu,mem (default) | ${median(wall.plain).toFixed(1)} s | 1.00 |`,
  `| cpu,mem,block,mutex,trace, ${values.rounds} contention rounds | ${median(wall.contention).toFixed(1)} s | ${(median(wall.contention) / median(wall.plain)).toFixed(2)} |`,
  '',
  `That is ${((median(wall.contention) - median(wall.plain)) / 3 / Number(values.rounds)).toFixed(2)} s per benchmark and round. The timed runs' ns/op, default run against the run with the contention pass (benchstat, the reference; the pass runs after them, so any difference here is the machine's drift):`,
  '',
  reference
].join('\n')
recordSection(join(root, 'docs', 'performance.md'), 'contention-pass', section)
console.log(section)
