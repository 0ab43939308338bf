#!/usr/bin/env node
// The verdict-quality harness (issue 7): how often does each gate cry wolf,
// and how often does it catch a real slowdown, on this machine?
//
// A temporary git repository holds ./workload (eight benchmarks of
// different character). Its base commit injects nothing; eight head
// commits each inject 0, 0, 0, 0, 2, 5, 10 and 20 percent into the eight
// functions, rotated so every benchmark takes every level. Each trial picks
// one head and measures it four ways, with the same number of benchmark
// runs for each (count N per side sequentially, or N interleaved rounds):
//
//   seq-u       sequential runs (base, then head), U test only (benchstat's call)
//   seq-u-thr   the same runs, U test + threshold (gate: baseline)
//   ab          interleaved A/B, N rounds (gate: ab); U test and Wilcoxon
//   confirm     the sequential screen, then A/B of the suspects only (gate: confirmed)
//
// Every verdict comes from the real CLI (dist/cli.js, copied at start so a
// rebuild cannot change it mid-run). Trials are appended to --out as JSON
// lines as they finish; --resume continues a file, --summarize only reports.
//
//   npm run package && node bench/verdict-quality/run.mjs [--trials 48] [--count 6]
//     [--confirm-rounds 20] [--benchtime 100ms] [--out FILE] [--resume] [--record]
//   node bench/verdict-quality/run.mjs --summarize [--out FILE] [--record]
import { execFileSync, spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from '../record.mjs'
import { summarize } from './summarize.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '48' },
    count: { type: 'string', default: '6' },
    'confirm-rounds': { type: 'string', default: '20' },
    benchtime: { type: 'string', default: '100ms' },
    out: { type: 'string', default: join(here, 'results', 'trials.jsonl') },
    resume: { type: 'boolean', default: false },
    summarize: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false }
  }
})

const LEVELS = [0, 0, 0, 0, 2, 5, 10, 20]
const FUNCS = ['Hash', 'Sort', 'Map', 'Format', 'JSON', 'SHA', 'Regexp', 'Chase']
/** Level of function j in rotation r. */
const level = (r, j) => LEVELS[(j + r) % LEVELS.length]

const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)}s] ${m}`)

if (values.summarize) {
  finish()
  process.exit(0)
}

const trials = Number(values.trials)
const count = values.count
const rounds = values['confirm-rounds']
const benchtime = values.benchtime
const scratch = mkdtempSync(join(tmpdir(), 'benchgate-vq-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))

// Freeze the CLI for the whole run.
cpSync(join(root, 'dist'), join(scratch, 'dist'), { recursive: true })
const cli = join(scratch, 'dist', 'cli.js')

// The repository: base commit, then one branch per rotation.
const repo = join(scratch, 'repo')
cpSync(join(here, 'workload'), repo, { recursive: true })
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=vq', '-c', 'user.email=vq@example.invalid', ...args], {
    cwd: repo,
    encoding: 'utf8'
  })
git('init', '-q', '-b', 'base')
git('add', '.')
git('commit', '-qm', 'base: no slowdown')
const levelsFile = r =>
  `package workload\n\nconst (\n${FUNCS.map((f, j) => `\tslow${f} = ${level(r, j)}\n`).join('')})\n`
const worktrees = { base: join(scratch, 'wt-base') }
git('worktree', 'add', '-q', '--detach', worktrees.base, 'base')
for (let r = 0; r < LEVELS.length; r++) {
  git('checkout', '-q', '-b', `h${r}`, 'base')
  writeFileSync(join(repo, 'levels.go'), levelsFile(r))
  git('commit', '-qam', `head ${r}: ${FUNCS.map((f, j) => `${f}+${level(r, j)}%`).join(' ')}`)
  git('checkout', '-q', 'base')
  worktrees[`h${r}`] = join(scratch, `wt-h${r}`)
  git('worktree', 'add', '-q', '--detach', worktrees[`h${r}`], `h${r}`)
}

function cliRun(args, { allowFail = true } = {}) {
  const started = performance.now()
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 256 << 20
  })
  const ms = performance.now() - started
  if (r.status !== 0 && !(allowFail && r.status === 1))
    throw new Error(`benchgate ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-3000)}`)
  return { ms, stdout: r.stdout, stderr: r.stderr }
}

/** The workload function a benchmark measures: BenchmarkHash-2 → Hash. */
const fnName = name => name.replace(/^Benchmark/, '').replace(/-\d+$/, '')

/** Per benchmark: was its time metric called a regression, its Δ and p. */
function calls(comparisonJson) {
  const c = JSON.parse(comparisonJson)
  const out = {}
  for (const b of c.benchmarks) {
    const fn = fnName(b.name)
    const m = b.metrics.find(x => x.kind === 'time')
    out[fn] = {
      flagged:
        b.verdict === 'regression' &&
        (b.confirmation
          ? b.confirmation.status === 'confirmed'
          : !!m && m.verdict === 'regression'),
      delta: m?.deltaPercent ?? null,
      p: m?.pAdjusted ?? null,
      ...(b.confirmation
        ? {
            confirmation: {
              status: b.confirmation.status,
              delta: b.confirmation.deltaPercent,
              p: b.confirmation.pAdjusted
            }
          }
        : {})
    }
  }
  return out
}

let done = 0
if (values.resume && existsSync(values.out))
  done = readFileSync(values.out, 'utf8').split('\n').filter(Boolean).length
else {
  mkdirSync(dirname(values.out), { recursive: true })
  writeFileSync(values.out, '')
}
log(
  `${trials} trials (${done} done), count ${count}, ${count} A/B rounds, ${rounds} confirmation rounds, benchtime ${benchtime}; ${cpus().length} CPUs; results to ${values.out}`
)

for (let t = done; t < trials; t++) {
  const r = t % LEVELS.length
  const dir = join(scratch, `t${t}`)
  mkdirSync(dir)
  const common = ['--benchtime', benchtime]
  // Sequential: all of the base, then all of the head (what a baseline artifact gives).
  const seqBase = cliRun(
    ['run', '--dir', worktrees.base, '--count', count, ...common, '--out', join(dir, 'seq-base')],
    { allowFail: false }
  )
  const seqHead = cliRun(
    [
      'run',
      '--dir',
      worktrees[`h${r}`],
      '--count',
      count,
      ...common,
      '--out',
      join(dir, 'seq-head')
    ],
    { allowFail: false }
  )
  const cmp = (base, head, ...opts) =>
    calls(cliRun(['compare', join(dir, base), join(dir, head), '--format', 'json', ...opts]).stdout)
  const seqU = cmp('seq-base', 'seq-head', '--threshold', '0')
  const seqUThr = cmp('seq-base', 'seq-head')
  // Interleaved A/B with the same number of runs: count rounds of one run per side.
  const ab = cliRun([
    'ab',
    '--base',
    'base',
    '--head',
    `h${r}`,
    '--count',
    count,
    ...common,
    '--out',
    join(dir, 'ab'),
    '--format',
    'json',
    '--test',
    'utest'
  ])
  // The CLI's A/B verdict (U test, A/B threshold), then the same rounds
  // under Wilcoxon and under the screen's 5% threshold.
  const abCalls = {
    u: calls(ab.stdout),
    w: cmp('ab/base', 'ab/head', '--test', 'wilcoxon', '--threshold', '2.5'),
    u5: cmp('ab/base', 'ab/head', '--test', 'utest', '--threshold', '5')
  }
  // Screening + confirmation, through the CLI's own confirm path.
  const conf = cliRun([
    'compare',
    join(dir, 'seq-base'),
    join(dir, 'seq-head'),
    '--format',
    'json',
    '--confirm-base',
    'base',
    '--confirm-head',
    `h${r}`,
    '--confirm-rounds',
    rounds,
    ...common,
    '--out',
    join(dir, 'confirm')
  ])
  const confCalls = { cli: calls(conf.stdout) }
  const suspects = Object.entries(confCalls.cli)
    .filter(([, c]) => c.confirmation)
    .map(([f]) => f)
  if (suspects.length > 0) {
    // The same confirmation rounds under the other tests and thresholds
    // (the family is the suspects alone, as in the confirm path).
    for (const [k, opts] of Object.entries({
      w: ['--test', 'wilcoxon', '--threshold', '2.5'],
      u5: ['--test', 'utest', '--threshold', '5']
    }))
      confCalls[k] = cmp('confirm/base', 'confirm/head', ...opts)
  }
  // What confirmation actually re-ran: the benchmarks in its bundles.
  const reran = existsSync(join(dir, 'confirm', 'head', 'results.json'))
    ? JSON.parse(readFileSync(join(dir, 'confirm', 'head', 'results.json'), 'utf8')).benchmarks.map(
        b => fnName(b.name)
      )
    : []
  const record = {
    trial: t,
    rotation: r,
    levels: Object.fromEntries(FUNCS.map((f, j) => [f, level(r, j)])),
    settings: { count: Number(count), confirmRounds: Number(rounds), benchtime },
    ms: { seqBase: seqBase.ms, seqHead: seqHead.ms, ab: ab.ms, confirm: conf.ms },
    suspects,
    reran,
    seqU,
    seqUThr,
    ab: abCalls,
    confirm: confCalls
  }
  appendFileSync(values.out, JSON.stringify(record) + '\n')
  rmSync(dir, { recursive: true, force: true })
  const per = (Date.now() - t0) / (t - done + 1)
  log(
    `trial ${t + 1}/${trials} (head h${r}): seq ${((seqBase.ms + seqHead.ms) / 1000).toFixed(1)}s, ab ${(ab.ms / 1000).toFixed(1)}s, confirm ${(conf.ms / 1000).toFixed(1)}s (${suspects.length} suspects: ${suspects.join(' ') || '-'}); ~${((per * (trials - t - 1)) / 60000).toFixed(0)} min left`
  )
}
finish()

function finish() {
  const lines = readFileSync(values.out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l))
  const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim()
  const text = summarize(lines, {
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${goVersion}, Node ${process.version}`
  })
  console.log(text)
  if (values.record) {
    const doc = join(root, 'docs', 'verdict-quality.md')
    recordSection(doc, 'verdict-quality', text)
    log(`recorded in ${doc}`)
  }
}
