#!/usr/bin/env node
// Benchmark: the pull-request job of `gate: confirmed` on real modules from
// the Go module proxy, each in a two-commit repository whose head injects a
// slowdown into one function. For each module and trial:
//
//   1. `benchgate run` at the base (the baseline main would have; not timed);
//   2. the PR job, timed: `benchgate run` at the head with the baseline's
//      iteration counts, then `compare --confirm-base` (screen, then
//      sequential A/B of the suspects at the default cap and budget).
//
// It reports which benchmarks were confirmed, split by whether they call the
// slowed function (the module's `affected` pattern), the A/B's Δ of each,
// and whether the comment's CPU table names the injected function first and
// beyond sampling noise (issue 28's culprit target). Results go to
// docs/verdict-quality.md with --record.
//
//   npm run package && node bench/real-module-gate.mjs [--trials 1] [--count 6]
//     [--benchtime 100ms] [--modules btree,semver] [--record]
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1' },
    count: { type: 'string', default: '6' },
    benchtime: { type: 'string', default: '100ms' },
    modules: { type: 'string', default: 'btree,semver' },
    record: { type: 'boolean', default: false }
  }
})
const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)}s] ${m}`)

/**
 * The modules: where the slowdown goes, and which benchmarks reach it.
 * A spin of k steps is about 0.6k ns (measured); the sizes aim at +15–40%
 * per op on the smaller benchmarks, less on the larger ones.
 */
const MODULES = {
  btree: {
    mod: 'github.com/google/btree@v1.1.3',
    file: 'btree_generic.go',
    from: 'func (n *node[T]) get(key T) (_ T, _ bool) {\n',
    to: 'var benchgateSink int\n\nfunc (n *node[T]) get(key T) (_ T, _ bool) {\n\tfor spin := 0; spin < 6; spin++ {\n\t\tbenchgateSink += spin ^ benchgateSink\n\t}\n',
    culprit: 'github.com/google/btree.(*node[...]).get',
    // Get and GetG (through the non-generic wrapper), and their clone-each-time variants.
    affected: /^BenchmarkGet(CloneEachTime)?G?$/
  },
  semver: {
    mod: 'github.com/Masterminds/semver/v3@v3.3.1',
    file: 'constraints.go',
    from: 'func NewConstraint(c string) (*Constraints, error) {\n',
    to: 'var benchgateSink int\n\nfunc NewConstraint(c string) (*Constraints, error) {\n\tfor spin := 0; spin < 600; spin++ {\n\t\tbenchgateSink += spin ^ benchgateSink\n\t}\n',
    culprit: 'github.com/Masterminds/semver/v3.NewConstraint',
    affected: /^BenchmarkNewConstraint/
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bg-gate-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))
cpSync(join(root, 'dist'), join(scratch, 'dist'), { recursive: true })
const cli = join(scratch, 'dist', 'cli.js')

function repoOf(name) {
  const m = MODULES[name]
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', m.mod], { encoding: 'utf8' })
  )
  const repo = join(scratch, name)
  cpSync(info.Dir, repo, { recursive: true })
  execFileSync('chmod', ['-R', 'u+w', repo])
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', ...args], {
      cwd: repo
    })
  git('init', '-q', '-b', 'main')
  git('add', '.')
  git('commit', '-qm', 'base: as published')
  const path = join(repo, m.file)
  const text = readFileSync(path, 'utf8')
  if (!text.includes(m.from)) throw new Error(`${m.file} of ${m.mod} lacks ${m.from}`)
  writeFileSync(path, text.replace(m.from, m.to))
  git('commit', '-qam', 'head: injected slowdown')
  return repo
}

function bg(args, cwd) {
  const started = performance.now()
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 << 20
  })
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`benchgate ${args.join(' ')} exited ${r.status}:\n${r.stderr.slice(-3000)}`)
  return { ms: performance.now() - started, stdout: r.stdout }
}

const rows = []
for (const name of values.modules.split(',')) {
  const m = MODULES[name]
  if (!m) throw new Error(`--modules: ${name} is not one of ${Object.keys(MODULES).join(', ')}`)
  for (let t = 0; t < Number(values.trials); t++) {
    const repo = repoOf(name)
    const common = ['--count', values.count, '--benchtime', values.benchtime]
    execFileSync('git', ['checkout', '-q', 'HEAD~1'], { cwd: repo })
    const base = bg(['run', '--dir', repo, ...common, '--out', join(scratch, `${name}-base`)], repo)
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo })
    log(`${name} trial ${t + 1}: baseline ${(base.ms / 1000).toFixed(1)} s`)
    const head = bg(
      [
        'run',
        '--dir',
        repo,
        ...common,
        '--iterations-from',
        join(scratch, `${name}-base`),
        '--out',
        join(scratch, `${name}-head`)
      ],
      repo
    )
    const confirm = bg(
      [
        'compare',
        join(scratch, `${name}-base`),
        join(scratch, `${name}-head`),
        '--confirm-base',
        'HEAD~1',
        '--dir',
        repo,
        '--format',
        'json',
        '--out',
        join(scratch, `${name}-ab`)
      ],
      repo
    )
    const c = JSON.parse(confirm.stdout)
    const row = {
      module: m.mod,
      benchmarks: c.benchmarks.length,
      headRunS: head.ms / 1000,
      confirmS: confirm.ms / 1000,
      suspects: c.confirmation?.suspects ?? 0,
      affected: [],
      falseAlarms: []
    }
    for (const b of c.benchmarks) {
      const short = b.name.replace(/-\d+$/, '')
      const k = b.confirmation
      const hit = b.verdict === 'regression' && (!k || k.status === 'confirmed')
      if (!m.affected.test(short)) {
        if (hit) row.falseAlarms.push(short)
        continue
      }
      const cpu = b.functions?.cpu ?? []
      row.affected.push({
        name: short,
        status: k?.status ?? (hit ? 'screen' : 'not a suspect'),
        rounds: k?.rounds ?? null,
        delta: k?.deltaPercent ?? b.metrics.find(x => x.kind === 'time')?.deltaPercent ?? null,
        nsPerOp: b.metrics.find(x => x.kind === 'time')?.base?.median ?? null,
        culpritFirst: cpu[0]?.name === m.culprit,
        first: cpu[0]?.name ?? null,
        culpritBeyondNoise: cpu.some(f => f.name === m.culprit && f.beyondNoise)
      })
    }
    log(
      `${name}: PR job ${(row.headRunS + row.confirmS).toFixed(1)} s (head run ${row.headRunS.toFixed(1)}, confirmation ${row.confirmS.toFixed(1)}); ${row.suspects} suspects; affected ${row.affected.map(a => `${a.name} ${a.status} ${a.delta?.toFixed(1)}%`).join(', ')}; false alarms ${row.falseAlarms.length}`
    )
    rows.push(row)
  }
}

const pct = x => (x === null ? '–' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`)
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model.split(' ')[0] ?? 'CPU'}, ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}, Node ${process.version}. count ${values.count}, benchtime ${values.benchtime}, confirmation at its defaults (cap 30 rounds, budget 120 s).`,
  '',
  '| module | benchmarks | PR job (head run + confirmation) | suspects | affected confirmed | false alarms |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    r =>
      `| ${r.module} | ${r.benchmarks} | ${(r.headRunS + r.confirmS).toFixed(0)} s (${r.headRunS.toFixed(0)} + ${r.confirmS.toFixed(0)}) | ${r.suspects} | ${r.affected.filter(a => a.status === 'confirmed').length} of ${r.affected.length} | ${r.falseAlarms.length}${r.falseAlarms.length ? ` (${r.falseAlarms.join(', ')})` : ''} |`
  ),
  '',
  '| module | affected benchmark | base ns/op | A/B Δ | status (rounds) | culprit first | culprit beyond noise | first CPU row |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.flatMap(r =>
    r.affected.map(
      a =>
        `| ${r.module.split('@')[0]} | ${a.name} | ${a.nsPerOp?.toFixed(0) ?? '–'} | ${pct(a.delta)} | ${a.status}${a.rounds ? ` (${a.rounds})` : ''} | ${a.culpritFirst ? 'yes' : 'no'} | ${a.culpritBeyondNoise ? 'yes' : 'no'} | ${a.first ? `\`${a.first.replace(/^.*\//, '')}\`` : '–'} |`
    )
  )
]
console.log(lines.join('\n'))
if (values.record)
  recordSection(join(root, 'docs', 'verdict-quality.md'), 'real-module-gate', lines.join('\n'))
