import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BundleError,
  parseBundle,
  readBundle,
  SCHEMA_VERSION,
  writeBundle,
  type Bundle
} from '../src/bundle/index.js'
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

describe('the bundle format, written and read back', () => {
  it('reads back exactly what writeBundle wrote', async () => {
    const dir = tempDir('roundtrip')
    const b: Bundle = {
      schemaVersion: 1,
      tool: { name: 'benchgate', version: '0.1.0' },
      environment: {
        goVersion: 'go1.26.8',
        goos: 'linux',
        goarch: 'amd64',
        cpu: 'test CPU',
        gomaxprocs: 2,
        commit: 'c0ffee',
        ref: 'main',
        createdAt: '2026-12-01T00:00:00.000Z',
        settings: { count: 6 }
      },
      packages: [
        {
          importPath: 'example.com/p',
          status: 'ok',
          profiles: { cpu: 'profiles/p.cpu.pprof' },
          unattributed: { cpu: 0.125 },
          profileErrors: ['x.pprof: truncated']
        }
      ],
      benchmarks: [
        {
          package: 'example.com/p',
          name: 'BenchmarkA/sub-2',
          group: 'BenchmarkA',
          samples: { 'ns/op': [1, 2.5, 3e9], 'B/op': [64, 64, 64] },
          iterations: [1000, 1000, 999],
          functions: {
            cpu: [
              { name: 'example.com/p.(*T[...]).M', flat: 1.5, cum: 2, file: 'p/t.go', line: 12 }
            ]
          }
        }
      ]
    }
    await writeBundle(dir, b)
    const back = await readBundle(dir)
    expect(back.dir).toBe(dir)
    expect(back.bundle).toEqual(b)
  })
})
