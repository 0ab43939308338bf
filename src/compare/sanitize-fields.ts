/**
 * The field checks a report artifact is rebuilt with (report-artifact.ts):
 * each takes an untrusted value and the path it sits at, and returns it
 * typed or throws a ReportError naming that path. The limits are shared
 * with the writer (report-fit.ts), so what one writes the other accepts.
 */
import type { SideSummary } from './model.js'

/**
 * The reader's limits, shared with the writer (fitReport), so whatever a
 * pull-request run uploads the comment job accepts (docs/design.md D12).
 * Strings are counted in UTF-16 code units, as JavaScript's length does.
 */
export const REPORT_LIMITS = {
  /** Any string without a limit of its own (names, packages, summaries, reasons). */
  text: 2000,
  unit: 100,
  commit: 100,
  goVersion: 100,
  ref: 300,
  key: 100,
  repository: 300,
  benchmarks: 100_000,
  metrics: 100,
  /** Function rows per measure. */
  functions: 1000,
  /** Steps of a call path. */
  path: 64,
  /** Hot lines of a function, and the length of a line's text. */
  lines: 64,
  lineText: 1000,
  file: 1024,
  reasons: 10_000,
  warnings: 100,
  notes: 100,
  geomean: 1000
} as const
/** REPORT_LIMITS, for short. */
export const L = REPORT_LIMITS

/** The report is not one we wrote, or was tampered with. */
export class ReportError extends Error {
  override name = 'ReportError'
}

/** Throw the ReportError for a malformed field at `where`. */
export function fail(where: string): never {
  throw new ReportError(
    `the report artifact is malformed at ${where}; it was not written by this version of benchgate, or it was altered`
  )
}
/** A string of at most `max` characters. */
export const str = (v: unknown, where: string, max: number = L.text): string =>
  typeof v === 'string' && v.length <= max ? v : fail(where)
/** A finite number. */
export const num = (v: unknown, where: string): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : fail(where)
/** A finite number, or null. */
export const numOrNull = (v: unknown, where: string): number | null =>
  v === null ? null : num(v, where)
/** A boolean. */
export const bool = (v: unknown, where: string): boolean =>
  typeof v === 'boolean' ? v : fail(where)
/** An array of at most `max` items. */
export const arr = (v: unknown, where: string, max: number = L.benchmarks): unknown[] =>
  Array.isArray(v) && v.length <= max ? v : fail(where)
/** A plain object. */
export const obj = (v: unknown, where: string): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(where)
/** One of the allowed strings. */
export function oneOf<T extends string>(v: unknown, allowed: readonly T[], where: string): T {
  return allowed.includes(v as T) ? (v as T) : fail(where)
}

/** A side summary (median, n, CI), or null. */
export function side(v: unknown, where: string): SideSummary | null {
  if (v === null) return null
  const o = obj(v, where)
  const s: SideSummary = { median: num(o.median, `${where}.median`), n: num(o.n, `${where}.n`) }
  if (o.ci !== undefined) {
    const ci = obj(o.ci, `${where}.ci`)
    s.ci = { lo: num(ci.lo, `${where}.ci.lo`), hi: num(ci.hi, `${where}.ci.hi`) }
  }
  return s
}
