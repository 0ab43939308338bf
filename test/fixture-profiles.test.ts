/**
 * Committed real profiles with expectations captured from `go tool pprof`
 * (never from our own code), so decoding and aggregation are checked even
 * without Go. With Go present, the expectations are re-verified against the
 * oracle; `UPDATE_EXPECTED=1` rewrites them from the oracle.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { aggregate, readProfile } from '../src/pprof/index.js'
import { ROOT } from './helpers/go.js'
import { pprofTop } from './helpers/pprof-oracle.js'

const DIR = join(ROOT, 'fixtures', 'profiles')
const EXPECTED = join(DIR, 'expected.json')
type Expected = Record<
  string,
  Record<string, { total: number; functions: Record<string, [number, number]> }>
>

const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
})()

const files = readdirSync(DIR).filter(f => f.endsWith('.pprof'))

async function oracle(): Promise<Expected> {
  const out: Expected = {}
  for (const f of files) {
    const profile = await readProfile(join(DIR, f))
    out[f] = {}
    for (const t of profile.sampleTypes) {
      const top = await pprofTop(join(DIR, f), t.type, t.unit)
      out[f][t.type] = {
        total: top.total,
        functions: Object.fromEntries([...top.functions].map(([k, v]) => [k, [v.flat, v.cum]]))
      }
    }
  }
  return out
}

if (process.env.UPDATE_EXPECTED === '1') {
  writeFileSync(EXPECTED, JSON.stringify(await oracle(), null, 1) + '\n')
}
const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected

describe('committed profiles', () => {
  it('cover every committed profile file', () => {
    expect(Object.keys(expected).sort()).toEqual([...files].sort())
  })

  for (const f of files) {
    it(`${f}: every sample type matches the captured pprof output`, async () => {
      const profile = await readProfile(join(DIR, f))
      expect(Object.keys(expected[f]).sort()).toEqual(profile.sampleTypes.map(t => t.type).sort())
      for (const [type, want] of Object.entries(expected[f])) {
        const table = aggregate(profile, { sampleType: type })
        expect(table.total).toBe(want.total)
        expect(Object.fromEntries(table.functions.map(fn => [fn.name, [fn.flat, fn.cum]]))).toEqual(
          want.functions
        )
      }
    })
  }

  it.runIf(hasGo)('the captured expectations still equal go tool pprof', async () => {
    expect(await oracle()).toEqual(expected)
  })
})
