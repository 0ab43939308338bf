#!/usr/bin/env node
// Benchmark: how well `benchgate history` finds change points (issue 31),
// through the built CLI, on synthetic histories whose truth is known. Each
// synthetic benchmark of a history is one trial: its medians are 100 ×
// (1 + σ·N(0,1)), times (1 + step) from record 40 on.
//
//   false change points: 100 records, 500 flat benchmarks per noise level;
//   delay: for steps of 2, 5, 10 and 20%, the history cut after 40 + k
//   records (k = 1 … 15): the first k at which a change point lands
//   within one record of the step, per benchmark (200 each).
//
// Prints the table; --record writes it to docs/history.md (section
// change-points).
//
//   npm run package && node bench/change-points.mjs [--record]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({ options: { record: { type: 'boolean', default: false } } })
const cli = join(root, 'dist', 'cli.js')
const scratch = mkdtempSync(join(tmpdir(), 'bg-cp-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))

/** mulberry32, seeded: the same histories every run. */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const gauss = r => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())

/** A history of `n` records of `k` benchmarks: series[b][i] is benchmark b's median at record i. */
function historyFile(name, series, n) {
  const records = Array.from({ length: n }, (_, i) => ({
    commit: `c${String(i).padStart(4, '0')}`,
    time: new Date(Date.UTC(2026, 0, 1) + i * 3600e3).toISOString(),
    runner: { cpu: 'synthetic', goVersion: 'go1.26' },
    benchmarks: series.map((xs, b) => ({
      package: 'example.com/synthetic',
      name: `BenchmarkTrial${b}`,
      units: { 'ns/op': { n: 6, median: xs[i], min: xs[i], max: xs[i] } }
    }))
  }))
  const path = join(scratch, `${name}.json`)
  writeFileSync(path, JSON.stringify({ format: 'benchgate-history', version: 1, records }))
  return path
}

function changePoints(path) {
  const out = execFileSync(process.execPath, [cli, 'history', path, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 << 20
  })
  return JSON.parse(out).changePoints
}

const rows = []
for (const sigma of [0.02, 0.05]) {
  const r = rng(Math.round(sigma * 1000))
  const flat = Array.from({ length: 500 }, () =>
    Array.from({ length: 100 }, () => 100 * (1 + sigma * gauss(r)))
  )
  const cps = changePoints(historyFile(`flat-${sigma}`, flat, 100))
  const withAny = new Set(cps.map(c => c.benchmark)).size
  const row = {
    sigma,
    falseSeries: withAny / flat.length,
    falsePerRecord: cps.length / (flat.length * 100),
    delays: {}
  }
  for (const step of [0.02, 0.05, 0.1, 0.2]) {
    const trials = Array.from({ length: 200 }, () =>
      Array.from({ length: 55 }, (_, i) => 100 * (i >= 40 ? 1 + step : 1) * (1 + sigma * gauss(r)))
    )
    const found = new Array(trials.length).fill(Infinity)
    for (let k = 1; k <= 15; k++) {
      const cut = trials.map(xs => xs.slice(0, 40 + k))
      const hits = changePoints(historyFile(`step-${sigma}-${step}-${k}`, cut, 40 + k))
      for (const c of hits) {
        const b = Number(c.benchmark.replace('BenchmarkTrial', ''))
        const at = Number(c.commit.slice(1))
        if (Math.abs(at - 40) <= 1 && found[b] === Infinity) found[b] = k
      }
    }
    const sorted = [...found].sort((a, b) => a - b)
    row.delays[step] = {
      median: sorted[Math.floor(sorted.length / 2)],
      p90: sorted[Math.floor(sorted.length * 0.9)],
      within15: found.filter(Number.isFinite).length / found.length
    }
    console.error(
      `σ ${sigma}, step ${step}: median ${row.delays[step].median}, found within 15: ${row.delays[step].within15}`
    )
  }
  rows.push(row)
}

const f = x => (Number.isFinite(x) ? String(x) : '> 15')
const lines = [
  `Defaults (t test p ≤ 0.001, magnitude ≥ 0, window 50), through \`benchgate history --format json\`. Medians 100 × (1 + σ·N(0,1)); mulberry32 seeds as in the script.`,
  '',
  '| noise σ | flat series with any change point (500 × 100 records) | false change points per record | step 2%: records after (median, 90th pct; found ≤ 15) | 5% | 10% | 20% |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    r =>
      `| ${(r.sigma * 100).toFixed(0)}% | ${(r.falseSeries * 100).toFixed(1)}% | ${r.falsePerRecord.toExponential(1)} | ${[
        0.02, 0.05, 0.1, 0.2
      ]
        .map(
          s =>
            `${f(r.delays[s].median)}, ${f(r.delays[s].p90)}; ${(r.delays[s].within15 * 100).toFixed(0)}%`
        )
        .join(' | ')} |`
  )
]
console.log(lines.join('\n'))
if (values.record)
  recordSection(join(root, 'docs', 'history.md'), 'change-points', lines.join('\n'))
