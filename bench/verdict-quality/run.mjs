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
//   duet        the same screen, then the suspects' A/B in duet rounds (issue 17):
//               both sides at once on disjoint CPUs, twice the rounds (equal time)
//
// --modes picks which run (default seq,ab,confirm; seq is always measured, as
// the screen). --conditions quiet,noisy alternates trials between a quiet
// machine and one with a noisy neighbour (hog.mjs: a CPU and memory hog that
// starts and stops at random), both conditions taking the same rotations.
//
// Every verdict comes from the real CLI (dist/cli.js, copied at start so a
// rebuild cannot change it mid-run). Trials are appended to --out as JSON
// lines as they finish; --resume continues a file, --summarize only reports.
//
//   npm run package && node bench/verdict-quality/run.mjs [--trials 48] [--count 6]
//     [--confirm-rounds 20] [--duet-rounds 40] [--benchtime 100ms] [--modes seq,ab,confirm,duet]
//     [--conditions quiet,noisy] [--hog-nice 10] [--out FILE] [--section NAME] [--resume] [--record]
//   node bench/verdict-quality/run.mjs --summarize [--out FILE] [--record]
import { execFileSync, spawn, spawnSync } from 'node:child_process'
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
    'confirm-rounds': { type: 'string', default: '30' },
    'duet-rounds': { type: 'string' },
    modes: { type: 'string', default: 'seq,ab,confirm' },
    conditions: { type: 'string', default: 'quiet' },
    'hog-nice': { type: 'string', default: '10' },
    section: { type: 'string', default: 'verdict-quality' },
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
const duetRounds = values['duet-rounds'] ?? String(2 * Number(rounds))
const modes = new Set(values.modes.split(','))
const conditions = values.conditions.split(',')
for (const c of conditions)
  if (c !== 'quiet' && c !== 'noisy') throw new Error(`--conditions: quiet or noisy, not ${c}`)
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
  // 1: the gate failed; 3: compare left suspects unconfirmed (neither is an error here).
  if (r.status !== 0 && !(allowFail && (r.status === 1 || r.status === 3)))
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
              rounds: b.confirmation.rounds,
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
  `${trials} trials (${done} done), modes ${[...modes].join(',')}, conditions ${conditions.join(',')}, count ${count}, ${count} A/B rounds, ${rounds} confirmation rounds, ${duetRounds} duet rounds, benchtime ${benchtime}; ${cpus().length} CPUs; results to ${values.out}`
)

/** Running noisy neighbours: killed when the harness ends, however it ends (a stray hog skews all later work). */
const hogs = new Set()
process.on('exit', () => {
  for (const h of hogs) h.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () =>
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1))
  )

/** Start the noisy neighbour; stop() ends it and returns its seconds on and off. */
function startHog(seed) {
  const child = spawn(
    'nice',
    ['-n', values['hog-nice'], process.execPath, join(here, 'hog.mjs'), String(seed)],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  hogs.add(child)
  let out = ''
  child.stdout.on('data', d => (out += d))
  return {
    stop: () =>
      new Promise(resolve => {
        child.on('exit', () => {
          hogs.delete(child)
          resolve(out ? JSON.parse(out) : null)
        })
        child.kill('SIGTERM')
      })
  }
}

for (let t = done; t < trials; t++) {
  // Conditions alternate; both take the same rotations in the same order.
  const condition = conditions[t % conditions.length]
  const r = Math.floor(t / conditions.length) % LEVELS.length
  const dir = join(scratch, `t${t}`)
  mkdirSync(dir)
  const hog = condition === 'noisy' ? startHog(t + 1) : null
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
  const seqU = cmp('seq-base', 'seq-head', '--test', 'utest', '--threshold', '0')
  // The screen before (U test + threshold) and now (Welch on logs, U guard, threshold).
  const seqUThr = cmp('seq-base', 'seq-head', '--test', 'utest')
  const seqWelch = cmp('seq-base', 'seq-head')
  // Interleaved A/B with the same number of runs: count rounds of one run per side.
  let ab = null
  let abCalls = null
  if (modes.has('ab')) {
    ab = cliRun([
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
    abCalls = {
      u: calls(ab.stdout),
      w: cmp('ab/base', 'ab/head', '--test', 'wilcoxon', '--threshold', '2.5'),
      u5: cmp('ab/base', 'ab/head', '--test', 'utest', '--threshold', '5')
    }
  }
  // Screening + confirmation, through the CLI's own confirm path, in ABBA
  // rounds (confirm) and in duet rounds (duet).
  const confirmWith = (out, schedule, n) => {
    const run = cliRun([
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
      n,
      '--schedule',
      schedule,
      ...common,
      '--out',
      join(dir, out)
    ])
    const got = { cli: calls(run.stdout) }
    const suspects = Object.entries(got.cli)
      .filter(([, c]) => c.confirmation)
      .map(([f]) => f)
    if (suspects.length > 0) {
      // The same confirmation rounds under the other tests and thresholds
      // (the family is the suspects alone, as in the confirm path).
      for (const [k, opts] of Object.entries({
        w: ['--test', 'wilcoxon', '--threshold', '2.5'],
        u5: ['--test', 'utest', '--threshold', '5']
      }))
        got[k] = cmp(`${out}/base`, `${out}/head`, ...opts)
    }
    // What confirmation actually re-ran: the benchmarks in its bundles.
    const results = join(dir, out, 'head', 'results.json')
    const reran = existsSync(results)
      ? JSON.parse(readFileSync(results, 'utf8')).benchmarks.map(b => fnName(b.name))
      : []
    return { ms: run.ms, calls: got, suspects, reran }
  }
  const conf = modes.has('confirm') ? confirmWith('confirm', 'abba', rounds) : null
  const duet = modes.has('duet') ? confirmWith('duet', 'duet', duetRounds) : null
  const hogSeconds = hog ? await hog.stop() : null
  const suspects = (conf ?? duet)?.suspects ?? []
  const record = {
    trial: t,
    rotation: r,
    condition,
    ...(hogSeconds ? { hog: hogSeconds } : {}),
    levels: Object.fromEntries(FUNCS.map((f, j) => [f, level(r, j)])),
    settings: {
      count: Number(count),
      confirmRounds: Number(rounds),
      duetRounds: Number(duetRounds),
      benchtime
    },
    ms: {
      seqBase: seqBase.ms,
      seqHead: seqHead.ms,
      ...(ab ? { ab: ab.ms } : {}),
      ...(conf ? { confirm: conf.ms } : {}),
      ...(duet ? { duet: duet.ms } : {})
    },
    suspects,
    reran: conf?.reran ?? [],
    seqU,
    seqUThr,
    seqWelch,
    ...(abCalls ? { ab: abCalls } : {}),
    ...(conf ? { confirm: conf.calls } : {}),
    ...(duet ? { duet: { ...duet.calls, reran: duet.reran } } : {})
  }
  appendFileSync(values.out, JSON.stringify(record) + '\n')
  rmSync(dir, { recursive: true, force: true })
  const per = (Date.now() - t0) / (t - done + 1)
  const secs = ms => (ms == null ? '-' : `${(ms / 1000).toFixed(1)}s`)
  log(
    `trial ${t + 1}/${trials} (${condition}, head h${r}${hogSeconds ? `, hog on ${hogSeconds.on}s of ${(hogSeconds.on + hogSeconds.off).toFixed(0)}s` : ''}): seq ${secs(seqBase.ms + seqHead.ms)}, ab ${secs(ab?.ms)}, confirm ${secs(conf?.ms)}, duet ${secs(duet?.ms)} (${suspects.length} suspects: ${suspects.join(' ') || '-'}); ~${((per * (trials - t - 1)) / 60000).toFixed(0)} min left`
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
    recordSection(doc, values.section, text)
    log(`recorded in ${doc}`)
  }
}
