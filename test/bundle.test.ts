import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BundleError, parseBundle, readBundle, SCHEMA_VERSION } from '../src/bundle/index.js'
import { tempDir } from './helpers/go.js'

const minimal = {
  schemaVersion: 1,
  tool: { name: 'benchgate', version: '0.1.0' },
  environment: {},
  packages: [],
  benchmarks: [
    {
      package: 'p',
      name: 'BenchmarkA-2',
      group: 'BenchmarkA',
      samples: { 'ns/op': [1] },
      iterations: [1],
      functions: {}
    }
  ]
}

describe('bundle reader', () => {
  it('reads the version it writes', () => {
    expect(SCHEMA_VERSION).toBe(1)
    expect(parseBundle(JSON.stringify(minimal), 'x/results.json').benchmarks[0].name).toBe(
      'BenchmarkA-2'
    )
  })

  it('rejects an unknown newer major version with a message that says what to do', () => {
    expect(() =>
      parseBundle(JSON.stringify({ ...minimal, schemaVersion: 2 }), 'base/results.json')
    ).toThrow(
      /base\/results\.json: written with bundle schema version 2 by a newer benchgate; this version reads version 1\. Upgrade benchgate/
    )
  })

  it.each([
    ['not JSON', '{"schemaVersion": 1,', /not valid JSON/],
    ['no version', '{"benchmarks": []}', /no schemaVersion/],
    [
      'no benchmarks',
      '{"schemaVersion": 1, "environment": {}, "packages": []}',
      /incomplete bundle/
    ],
    [
      'a nameless benchmark',
      JSON.stringify({ ...minimal, benchmarks: [{ package: 'p' }] }),
      /benchmarks\[0\] lacks a name/
    ]
  ])('rejects %s', (_, text, pattern) => {
    expect(() => parseBundle(text, 'f.json')).toThrow(BundleError)
    expect(() => parseBundle(text, 'f.json')).toThrow(pattern)
  })

  it('names a missing bundle directory', async () => {
    const dir = join(tempDir('nobundle'), 'absent')
    await expect(readBundle(dir)).rejects.toThrow(/cannot read the result bundle/)
  })

  it('accepts a directory or the results.json path', async () => {
    const dir = tempDir('bundle')
    writeFileSync(join(dir, 'results.json'), JSON.stringify(minimal))
    expect((await readBundle(dir)).bundle.schemaVersion).toBe(1)
    expect((await readBundle(join(dir, 'results.json'))).dir).toBe(dir)
  })
})
