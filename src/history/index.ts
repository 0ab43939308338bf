/**
 * The history of main (issue 31): one compact record per recorded
 * baseline, oldest first: the commit, its parent and time, the runner,
 * each benchmark's samples summary per unit, and its leading per-op
 * function costs per measure. Built from result bundles; read back from
 * JSON that may come from an artifact, so every field is checked.
 */
import type { Measure } from '../attribution/index.js'
import type { Bundle } from '../bundle/index.js'
import { parseJson } from '../data/index.js'
import { readTextCapped } from '../files/index.js'
import { median } from '../stats/median.js'

/** The format's name and version, in every history file. */
export const HISTORY_FORMAT = 'benchgate-history'
/** The version of the history format. */
export const HISTORY_VERSION = 1
/** The history's file in a baseline bundle. */
export const HISTORY_FILE = 'history.json'
/** The largest history file read. */
export const MAX_HISTORY_BYTES = 256 * 1024 * 1024
/** Functions kept per benchmark and measure in a record. */
export const HISTORY_FUNCTIONS = 10

/** One unit's samples of one benchmark at one commit. */
export interface UnitSummary {
  n: number
  median: number
  min: number
  max: number
}

/** One benchmark at one commit. */
export interface HistoryBenchmark {
  package: string
  name: string
  units: Record<string, UnitSummary>
  /** The leading functions by own cost (self) per op, per measure: [name, self]. */
  functions?: Partial<Record<Measure, [string, number][]>>
}

/** What one push recorded. */
export interface HistoryRecord {
  commit: string
  /** The commit before it on the branch, when known: a gap says the push carried several. */
  parent?: string
  /** ISO time the run was made. */
  time: string
  runner: { cpu: string; goVersion: string; count?: number; benchtime?: string }
  benchmarks: HistoryBenchmark[]
}

/** A history: records oldest first, and what is known to be missing. */
export interface History {
  format: typeof HISTORY_FORMAT
  version: typeof HISTORY_VERSION
  records: HistoryRecord[]
  /** Said when a part could not be read: never lost silently. */
  gaps?: string[]
}

/** A history file or record that cannot be used, with where and why. */
export class HistoryError extends Error {
  override name = 'HistoryError'
}

const MEASURES: readonly Measure[] = ['cpu', 'alloc_space', 'alloc_objects']

/** The record of a bundle: its summaries and leading functions. */
export function recordOf(bundle: Bundle, parent?: string): HistoryRecord {
  const env = bundle.environment
  const s = env.settings ?? {}
  return {
    commit: env.commit,
    ...(parent ? { parent } : {}),
    time: env.createdAt,
    runner: {
      cpu: env.cpu,
      goVersion: env.goVersion,
      ...(typeof s.count === 'number' ? { count: s.count } : {}),
      ...(typeof s.benchtime === 'string' ? { benchtime: s.benchtime } : {})
    },
    benchmarks: bundle.benchmarks.map(b => {
      const units: Record<string, UnitSummary> = {}
      for (const [unit, values] of Object.entries(b.samples)) {
        if (values.length === 0) continue
        units[unit] = {
          n: values.length,
          median: median(values),
          min: Math.min(...values),
          max: Math.max(...values)
        }
      }
      const functions: Partial<Record<Measure, [string, number][]>> = {}
      for (const m of MEASURES) {
        const list = b.functions?.[m]
        if (!list?.length) continue
        functions[m] = list
          .map((f): [string, number] => [f.name, f.self ?? f.flat])
          .sort((x, y) => y[1] - x[1])
          .slice(0, HISTORY_FUNCTIONS)
      }
      return {
        package: b.package,
        name: b.name,
        units,
        ...(Object.keys(functions).length > 0 ? { functions } : {})
      }
    })
  }
}

/** A new empty history. */
export function emptyHistory(): History {
  return { format: HISTORY_FORMAT, version: HISTORY_VERSION, records: [] }
}

/**
 * Append a record; a record of a commit already in the history replaces
 * it in place (a re-run of the same push).
 */
export function appendRecord(h: History, r: HistoryRecord): History {
  const at = h.records.findIndex(x => x.commit === r.commit && r.commit !== '')
  const records = [...h.records]
  if (at >= 0) records[at] = r
  else records.push(r)
  return { ...h, records }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** Check a parsed history file; `source` names it in errors. Unknown fields are dropped. */
export function validateHistory(v: unknown, source: string): History {
  const bad = (where: string): never => {
    throw new HistoryError(
      `${source}: ${where} is not what a benchgate history holds; the file is corrupt or was not written by benchgate`
    )
  }
  if (!isObj(v) || v.format !== HISTORY_FORMAT) bad('format')
  const o = v as Record<string, unknown>
  if (o.version !== HISTORY_VERSION)
    throw new HistoryError(
      `${source}: history version ${JSON.stringify(o.version)} is not ${HISTORY_VERSION}; upgrade benchgate to read it`
    )
  if (!Array.isArray(o.records)) bad('records')
  const records = (o.records as unknown[]).map((r, i): HistoryRecord => {
    const w = `records[${i}]`
    if (!isObj(r)) bad(w)
    const rec = r as Record<string, unknown>
    const runner = isObj(rec.runner) ? rec.runner : bad(`${w}.runner`)
    if (typeof rec.commit !== 'string' || typeof rec.time !== 'string') bad(`${w}.commit`)
    if (!Array.isArray(rec.benchmarks)) bad(`${w}.benchmarks`)
    return {
      commit: rec.commit as string,
      ...(typeof rec.parent === 'string' ? { parent: rec.parent } : {}),
      time: rec.time as string,
      runner: {
        cpu: typeof runner.cpu === 'string' ? runner.cpu : '',
        goVersion: typeof runner.goVersion === 'string' ? runner.goVersion : '',
        ...(finite(runner.count) ? { count: runner.count } : {}),
        ...(typeof runner.benchtime === 'string' ? { benchtime: runner.benchtime } : {})
      },
      benchmarks: (rec.benchmarks as unknown[]).map((b, j) =>
        validBenchmark(b, `${w}.benchmarks[${j}]`, bad)
      )
    }
  })
  const gaps = Array.isArray(o.gaps) ? o.gaps.filter((g): g is string => typeof g === 'string') : []
  return { ...emptyHistory(), records, ...(gaps.length > 0 ? { gaps } : {}) }
}

function validBenchmark(b: unknown, w: string, bad: (where: string) => never): HistoryBenchmark {
  if (!isObj(b) || typeof b.package !== 'string' || typeof b.name !== 'string') bad(w)
  const o = b as Record<string, unknown>
  if (!isObj(o.units)) bad(`${w}.units`)
  const units: Record<string, UnitSummary> = {}
  for (const [unit, s] of Object.entries(o.units as Record<string, unknown>)) {
    if (!isObj(s) || ![s.n, s.median, s.min, s.max].every(finite)) bad(`${w}.units.${unit}`)
    const u = s as Record<string, number>
    units[unit] = { n: u.n, median: u.median, min: u.min, max: u.max }
  }
  let functions: HistoryBenchmark['functions']
  if (isObj(o.functions)) {
    functions = {}
    for (const m of MEASURES) {
      const list = (o.functions as Record<string, unknown>)[m]
      if (list === undefined) continue
      if (!Array.isArray(list)) bad(`${w}.functions.${m}`)
      functions[m] = (list as unknown[]).map((f, k) =>
        Array.isArray(f) && typeof f[0] === 'string' && finite(f[1])
          ? ([f[0], f[1]] as [string, number])
          : bad(`${w}.functions.${m}[${k}]`)
      )
    }
  }
  return {
    package: o.package as string,
    name: o.name as string,
    units,
    ...(functions ? { functions } : {})
  }
}

/** Read and check a history file; a HistoryError (or FileError) says what is wrong with which file. */
export async function readHistoryFile(path: string): Promise<History> {
  const text = await readTextCapped(path, MAX_HISTORY_BYTES, 'history file')
  let parsed: unknown
  try {
    parsed = parseJson(text)
  } catch (err) {
    throw new HistoryError(
      `${path} is not JSON (${(err as Error).message}); pass a history file that benchgate wrote`
    )
  }
  return validateHistory(parsed, path)
}
