/**
 * `benchgate compare` without a confirmation base never says "all clear"
 * for a suspect it did not check: a +3.5% slowdown that benchstat calls
 * significant is under the 5% threshold, so the screen does not fail, but
 * the default gate would re-measure it. The command names it, says how to
 * confirm it, and exits 3; identical inputs still exit 0, and a regression
 * the screen calls itself still exits 1.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { tempDir } from './helpers/go.js'

/** go test -bench output: one line per value, as Go prints it. */
function benchText(rows: Record<string, number[]>): string {
  const lines = ['goos: linux', 'goarch: amd64', 'pkg: example.com/p']
  for (const [name, values] of Object.entries(rows))
    for (const v of values) lines.push(`${name}-2\t 1000000\t ${v.toFixed(1)} ns/op`)
  return [...lines, 'PASS', 'ok  \texample.com/p\t1.0s', ''].join('\n')
}

describe('compare without --confirm-base', () => {
  const dir = tempDir('unconfirmed')
  const base = [100, 100.4, 100.8, 101.2, 101.6, 102]
  const write = (name: string, rows: Record<string, number[]>): string => {
    const path = join(dir, name)
    writeFileSync(path, benchText(rows))
    return path
  }
  const basePath = write('base.txt', { BenchmarkSuspect: base, BenchmarkFlat: base })
  const suspect = write('suspect.txt', {
    BenchmarkSuspect: base.map(v => v * 1.035),
    BenchmarkFlat: base
  })

  it('names the unchecked suspect, says how to confirm it, and exits 3', async () => {
    const r = await cli(['compare', basePath, suspect, '--format', 'json'])
    expect(r.code, r.stderr).toBe(3)
    expect(r.stderr).toMatch(/1 suspect\(s\) not confirmed: BenchmarkSuspect-2\./)
    expect(r.stderr).toMatch(/rerun with --confirm-base <base revision>/)
    expect(r.stderr).toMatch(/verdict=unchanged .* gate=pass/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('exits 0 on identical inputs and 1 on a regression the screen calls', async () => {
    expect((await cli(['compare', basePath, basePath])).code).toBe(0)
    const slow = write('slow.txt', {
      BenchmarkSuspect: base.map(v => v * 1.3),
      BenchmarkFlat: base
    })
    expect((await cli(['compare', basePath, slow])).code).toBe(1)
  })

  it('neutralises a hostile benchmark name in the message', async () => {
    const evil = 'BenchmarkX\u001b[31m'
    const b = write('evil-base.txt', { [evil]: base })
    const h = write('evil-head.txt', { [evil]: base.map(v => v * 1.035) })
    const r = await cli(['compare', b, h])
    expect(r.code).toBe(3)
    expect(r.stderr).not.toContain('\u001b[31m')
  })
})
