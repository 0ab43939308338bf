/**
 * The report a pull-request run hands to the privileged `comment` job
 * (fork PRs, whose token is read-only). That run executed the PR's code, so
 * the comment job treats this file as untrusted: parseReport rebuilds it
 * field by field with type checks, and the Markdown is re-rendered from the
 * data with our escaping — the body itself is never trusted.
 */
import { fail, L, num, obj, ReportError, str } from '../compare/sanitize-fields.js'
import { sanitizeComparison } from '../compare/sanitize.js'
import type { Comparison } from '../compare/model.js'
import { parseJson } from '../data/index.js'
export { REPORT_LIMITS, ReportError } from '../compare/sanitize-fields.js'
export { sanitizeComparison } from '../compare/sanitize.js'

/** The report's file name inside the report artifact. */
export const REPORT_FILE = 'report.json'
/** Reports larger than this are refused before parsing. */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024

/** What a report artifact may hold: report.json, within the byte cap. */
export const REPORT_ZIP_LIMITS = {
  maxEntries: 4,
  maxEntryBytes: MAX_REPORT_BYTES,
  maxTotalBytes: MAX_REPORT_BYTES
} as const

/** What a pull-request run hands to the comment job. */
export interface PrReport {
  schemaVersion: 1
  repository: string
  prNumber: number
  headSha: string
  /** Sticky-comment key (the artifact name). */
  key: string
  /** Set when there was no baseline; then comparison is null. */
  noBaseline: string | null
  comparison: Comparison | null
}

/** Parse report.json text from an artifact. */
export function parseReport(text: string): PrReport {
  if (text.length > MAX_REPORT_BYTES)
    throw new ReportError(`the report artifact is larger than ${MAX_REPORT_BYTES} bytes`)
  let data: unknown
  try {
    data = parseJson(text)
  } catch (err) {
    throw new ReportError(`the report artifact is not valid JSON (${(err as Error).message})`)
  }
  const o = obj(data, 'report')
  if (o.schemaVersion !== 1) fail('schemaVersion')
  const prNumber = num(o.prNumber, 'prNumber')
  if (!Number.isInteger(prNumber) || prNumber < 1) fail('prNumber')
  const headSha = str(o.headSha, 'headSha', 64)
  if (!/^[0-9a-f]{7,64}$/i.test(headSha)) fail('headSha')
  return {
    schemaVersion: 1,
    repository: str(o.repository, 'repository', L.repository),
    prNumber,
    headSha,
    key: str(o.key, 'key', L.key),
    noBaseline:
      o.noBaseline === null || o.noBaseline === undefined ? null : str(o.noBaseline, 'noBaseline'),
    comparison:
      o.comparison === null || o.comparison === undefined ? null : sanitizeComparison(o.comparison)
  }
}
