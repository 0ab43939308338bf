import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from './go.js'

const exec = promisify(execFile)

/** Pinned: the version these tests were checked against. */
export const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da'
const BIN_DIR = join(ROOT, '.cache', 'bin')
export const BENCHSTAT = join(BIN_DIR, 'benchstat')

/** Install benchstat from the Go module proxy (pinned) unless present. */
export async function ensureBenchstat(): Promise<string> {
  if (existsSync(BENCHSTAT)) return BENCHSTAT
  mkdirSync(BIN_DIR, { recursive: true })
  await exec('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR }
  })
  return BENCHSTAT
}

/** One row of benchstat's CSV: one benchmark in one unit. */
export interface BenchstatRow {
  unit: string
  name: string
  base: number
  baseCI: string
  head: number
  headCI: string
  /** "~" or a signed percentage like "+11.18%". */
  vsBase: string
  p: number
  n1: number
  n2: number
}

/** Minimal CSV (RFC 4180) line splitter: quoted fields, doubled quotes. */
function csvFields(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (c === '"') quoted = false
      else cur += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out
}

/** Run `benchstat -format csv base head` and parse every comparison row. */
export async function benchstatRows(base: string, head: string): Promise<BenchstatRow[]> {
  const { stdout } = await exec(await ensureBenchstat(), ['-format', 'csv', base, head])
  const rows: BenchstatRow[] = []
  let unit = ''
  for (const line of stdout.split('\n')) {
    const f = csvFields(line)
    if (f.length >= 7 && f[0] === '' && f[2] === 'CI') {
      unit = f[1]
      continue
    }
    if (f.length < 7 || f[0] === '' || f[0] === 'geomean' || !unit) continue
    const pn = /^(?:p=([\d.]+) )?n=(\d+)(?:\+(\d+))?$/.exec(f[6])
    if (!pn) continue
    rows.push({
      unit,
      name: f[0],
      base: Number(f[1]),
      baseCI: f[2],
      head: Number(f[3]),
      headCI: f[4],
      vsBase: f[5],
      p: pn[1] === undefined ? Number.NaN : Number(pn[1]),
      n1: Number(pn[2]),
      n2: Number(pn[3] ?? pn[2])
    })
  }
  return rows
}
