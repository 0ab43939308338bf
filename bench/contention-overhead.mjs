#!/usr/bin/env node
// Benchmark: what block profiling, mutex profiling and execution tracing
// do to the ns/op they run beside (issue 16, "keep the timing honest").
// The fixture fixtures/contention (a mutex-guarded map from every P, a
// channel ping-pong, small writes) runs with each collector on and off,
// interleaved round by round, and the medians are compared; benchstat
// (pinned) on the same files is the reference for the deltas.
// Records the table in docs/performance.md.
//
//   node bench/contention-overhead.mjs [--rounds 6] [--benchtime 200ms]
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    benchtime: { type: 'string', default: '200ms' }
  }
})
const work = join(root, 'bench', 'results', 'tmp', 'contention')
mkdirSync(work, { recursive: true })
const module = join(root, 'fixtures', 'contention')
const binary = join(work, 'lockmap.test')
execFileSync('go', ['test', '-c', '-o', binary, './lockmap'], { cwd: module, stdio: 'inherit' })

const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da'
const bin = join(root, '.cache', 'bin')
execFileSync('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
  env: { ...process.env, GOBIN: bin },
  stdio: 'inherit'
})

const MODES = {
  plain: [],
  block: ['-test.blockprofile', join(work, 'block.pprof'), '-test.blockprofilerate', '1'],
  mutex: ['-test.mutexprofile', join(work, 'mutex.pprof'), '-test.mutexprofilefraction', '1'],
  trace: ['-test.trace', join(work, 'trace.out')]
}
const outputs = Object.fromEntries(Object.keys(MODES).map(m => [m, '']))
for (let r = 0; r < Number(values.rounds); r++)
  for (const [mode, flags] of Object.entries(MODES)) {
    outputs[mode] += execFileSync(
      binary,
      [
        '-test.run=^$',
        '-test.bench=.',
        `-test.benchtime=${values.benchtime}`,
        '-test.cpu=2',
        ...flags
      ],
      { cwd: work, encoding: 'utf8' }
    )
    console.error(`round ${r + 1}/${values.rounds}: ${mode}`)
  }
for (const [mode, text] of Object.entries(outputs)) writeFileSync(join(work, `${mode}.txt`), text)

const medians = text => {
  const by = new Map()
  for (const m of text.matchAll(/^(Benchmark\S+)\s+\d+\s+([\d.]+) ns\/op/gm)) {
    const list = by.get(m[1]) ?? []
    list.push(Number(m[2]))
    by.set(m[1], list)
  }
  return new Map(
    [...by].map(([k, v]) => [k, [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]])
  )
}
const plain = medians(outputs.plain)
const rows = [...plain.keys()].map(name => {
  const cells = ['block', 'mutex', 'trace'].map(mode => {
    const m = medians(outputs[mode]).get(name)
    return m === undefined ? '?' : `${((m / plain.get(name) - 1) * 100).toFixed(1)}%`
  })
  return `| ${name} | ${plain.get(name)} | ${cells.join(' | ')} |`
})
const reference = ['block', 'mutex', 'trace']
  .map(mode =>
    execFileSync(join(bin, 'benchstat'), [join(work, 'plain.txt'), join(work, `${mode}.txt`)], {
      encoding: 'utf8'
    })
      .split('\n')
      .filter(l => /^geomean/.test(l))
      .map(l => `${mode}: ${l.trim().replace(/\s+/g, ' ')}`)
      .join('')
  )
  .join('; ')
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, ${values.rounds} interleaved rounds of -benchtime ${values.benchtime}, -cpu 2; medians, Δ against no collector.`,
  '',
  '| benchmark | ns/op, no collector | block (rate 1) | mutex (fraction 1) | trace |',
  '| - | - | - | - | - |',
  ...rows,
  '',
  `benchstat on the same files (geomean rows): ${reference}.`
].join('\n')
recordSection(join(root, 'docs', 'performance.md'), 'contention-overhead', section)
console.log(section)
