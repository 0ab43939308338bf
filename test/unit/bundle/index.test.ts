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
} from '../../../src/bundle/index.js'
import { tempDir } from '../../helpers/go.js'

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

/** The minimal bundle with one CPU function that has these fields too. */
const withFunction = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    ...minimal,
    benchmarks: [
      { ...minimal.benchmarks[0], functions: { cpu: [{ name: 'f', flat: 1, cum: 1, ...fields }] } }
    ]
  })

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
    ],
    [
      'a function file outside the repository',
      withFunction({ file: '../../etc/passwd' }),
      /functions\.cpu\[0\]\.file must be a path inside the repository/
    ],
    [
      'a function file in .git',
      withFunction({ file: '.git/config' }),
      /functions\.cpu\[0\]\.file must be a path inside the repository/
    ],
    [
      'a function file in .GIT (one directory on a case-insensitive file system)',
      withFunction({ file: 'sub/.GIT/config' }),
      /functions\.cpu\[0\]\.file must be a path inside the repository/
    ],
    [
      'a function file in .Git. (Windows drops the trailing dot)',
      withFunction({ file: '.Git./hooks/pre-commit' }),
      /functions\.cpu\[0\]\.file must be a path inside the repository/
    ],
    [
      'an absolute function file',
      withFunction({ file: '/etc/passwd' }),
      /functions\.cpu\[0\]\.file must be a path inside the repository/
    ],
    [
      'a line cost that is not a number',
      withFunction({ file: 'p/x.go', lines: [{ line: 3, flat: 1, cum: 'x', self: 1 }] }),
      /functions\.cpu\[0\]\.lines\[0\]\.cum must be a finite number/
    ],
    [
      'a fractional line number',
      withFunction({ file: 'p/x.go', lines: [{ line: 3.5, flat: 1, cum: 1, self: 1 }] }),
      /functions\.cpu\[0\]\.lines\[0\]\.line must be a line number/
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
              {
                name: 'example.com/p.(*T[...]).M',
                flat: 1.5,
                cum: 2,
                file: 'p/t.go',
                line: 12,
                lines: [{ line: 14, flat: 1, cum: 1.5, self: 1.25 }]
              }
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
