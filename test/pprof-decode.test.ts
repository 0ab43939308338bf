/**
 * Decoder behaviour on crafted and corrupted input: the right answer for
 * valid encodings (packed and unpacked), and a ProfileError that names the
 * file and the problem for every kind of bad input.
 */
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  aggregate,
  decodeProfile,
  ProfileError,
  readProfile,
  sampleStack,
  sampleValues
} from '../src/pprof/index.js'
import { ROOT, tempDir } from './helpers/go.js'
import { craftProfile, packed, type Field } from './helpers/protowire.js'

const exec = promisify(execFile)
const FIXTURE = join(ROOT, 'fixtures', 'profiles', 'encoding-json.cpu.pprof')
const tmp = tempDir('decode')

function expectProfileError(
  fn: () => unknown,
  pattern: RegExp,
  source = '<profile>'
): ProfileError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileError)
    expect((err as Error).message).toMatch(pattern)
    expect((err as Error).message.startsWith(`${source}: `)).toBe(true)
    return err as ProfileError
  }
  throw new Error(`expected a ProfileError matching ${pattern}`)
}

describe('valid encodings', () => {
  it('decodes packed and unpacked repeated fields alike, and computes flat/cum by hand-checked rules', () => {
    const profile = decodeProfile(craftProfile())
    expect(profile.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' }
    ])
    expect([0, 1].map(i => sampleValues(profile, i))).toEqual([
      [3, 30],
      [1, 10]
    ])
    expect(sampleStack(profile, 0).map(l => l.id)).toEqual([2, 1])
    // Location 2 holds leaf inlined into work: line[0] is the innermost.
    expect(profile.locations[1].lines.map(l => l.function.name)).toEqual(['leaf', 'work'])
    const cpu = aggregate(profile, { sampleType: 'cpu' })
    expect(cpu.total).toBe(40)
    expect(cpu.functions).toEqual([
      { name: 'leaf', flat: 30, cum: 30 },
      { name: 'main', flat: 10, cum: 40 },
      { name: 'work', flat: 0, cum: 30 }
    ])
  })

  it('counts a recursive function once per sample in cum', () => {
    // Stack: f -> f -> f (three locations, same function), value 7.
    const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds', 'f', 'f.go']
    const profile = decodeProfile(
      craftProfile({
        strings,
        functions: [
          [
            [1, 'varint', 1],
            [2, 'varint', 5],
            [3, 'varint', 5],
            [4, 'varint', 6]
          ]
        ],
        locations: [1, 2, 3].map(id => [
          [1, 'varint', id],
          [4, 'msg', [[1, 'varint', 1]]]
        ]),
        samples: [
          [
            [1, 'bytes', packed([1, 2, 3])],
            [2, 'varint', 1],
            [2, 'varint', 7]
          ]
        ]
      })
    )
    expect(aggregate(profile, { sampleType: 'cpu' }).functions).toEqual([
      { name: 'f', flat: 7, cum: 7 }
    ])
  })

  it('takes the last sample type when there is no default, and the default when set', () => {
    expect(aggregate(decodeProfile(craftProfile())).sampleType).toBe('cpu')
    const withDefault = craftProfile({ extra: [[14, 'varint', 1]] })
    expect(aggregate(decodeProfile(withDefault)).sampleType).toBe('samples')
  })

  it('names the available sample types when asked for one that is missing', () => {
    expectProfileError(
      () => aggregate(decodeProfile(craftProfile()), { sampleType: 'alloc_space' }),
      /no sample type "alloc_space".*Available sample types: samples, cpu/
    )
  })

  it('decodes gzip and raw protobuf alike (told apart by the magic bytes)', () => {
    const gz = readFileSync(FIXTURE)
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b])
    const a = aggregate(decodeProfile(gz))
    const b = aggregate(decodeProfile(gunzipSync(gz)))
    expect(b).toEqual(a)
    expect(a.functions.length).toBeGreaterThan(10)
  })

  it('returns plain numbers, never Long objects, including defaults', () => {
    const p = decodeProfile(readFileSync(FIXTURE))
    expect(typeof p.period).toBe('number')
    expect(p.period).toBe(10_000_000) // 100 Hz
    expect(typeof p.durationNanos).toBe('number')
    expect(p.samples.values).toBeInstanceOf(Float64Array)
    expect(p.samples.count).toBeGreaterThan(100)
    expect(typeof decodeProfile(craftProfile()).timeNanos).toBe('number')
  })
})

describe('bad input is a ProfileError naming the file and the problem', () => {
  const gz = readFileSync(FIXTURE)
  const raw = gunzipSync(gz)

  it('an empty file', () => {
    expectProfileError(
      () => decodeProfile(new Uint8Array(0), { source: 'empty.pprof' }),
      /is empty/,
      'empty.pprof'
    )
  })

  it.each([
    ['plain text', new TextEncoder().encode('BenchmarkFoo-8  100  123 ns/op\nPASS\n')],
    ['JSON', new TextEncoder().encode('{"functions": []}')],
    [
      'a PNG header',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    ],
    ['zeros', new Uint8Array(64)]
  ])('data that is not a profile: %s', (_, bytes) => {
    expectProfileError(
      () => decodeProfile(bytes, { source: 'x.pprof' }),
      /not a (valid )?pprof profile|truncated/,
      'x.pprof'
    )
  })

  it('truncated gzip', () => {
    expectProfileError(
      () => decodeProfile(gz.subarray(0, gz.length >> 1)),
      /gzip stream is truncated/
    )
  })

  it('a bad gzip CRC', () => {
    const bad = Uint8Array.from(gz)
    bad[bad.length - 8] ^= 0xff // first byte of the CRC-32 trailer (RFC 1952 §2.3)
    expectProfileError(() => decodeProfile(bad), /gzip checksum mismatch/)
  })

  it('truncated protobuf', () => {
    expectProfileError(() => decodeProfile(raw.subarray(0, raw.length - 3)), /truncated/)
  })

  it('an invalid wire type', () => {
    expectProfileError(
      () => decodeProfile(Uint8Array.from([(2 << 3) | 7, 1, 2, 3])),
      /invalid protobuf wire type/
    )
  })

  it('a string index out of range', () => {
    const bad = craftProfile({
      functions: [
        [
          [1, 'varint', 1],
          [2, 'varint', 99]
        ]
      ],
      locations: [
        [
          [1, 'varint', 1],
          [4, 'msg', [[1, 'varint', 1]]]
        ]
      ],
      samples: [
        [
          [1, 'varint', 1],
          [2, 'varint', 1],
          [2, 'varint', 1]
        ]
      ]
    })
    expectProfileError(
      () => decodeProfile(bad),
      /string index 99 in function\[0\]\.name is out of range/
    )
  })

  it('string_table[0] that is not ""', () => {
    const bad = craftProfile({
      strings: ['oops', 'samples', 'count', 'cpu', 'nanoseconds', 'main', 'work', 'leaf', 'x.go']
    })
    expectProfileError(() => decodeProfile(bad), /string_table\[0\] must be the empty string/)
  })

  it('a dangling location id', () => {
    const bad = craftProfile({
      samples: [
        [
          [1, 'varint', 42],
          [2, 'varint', 1],
          [2, 'varint', 1]
        ]
      ]
    })
    expectProfileError(
      () => decodeProfile(bad),
      /sample 0 refers to location id 42, which does not exist/
    )
  })

  it('a dangling function id', () => {
    const bad = craftProfile({
      locations: [
        [
          [1, 'varint', 1],
          [4, 'msg', [[1, 'varint', 77]]]
        ]
      ]
    })
    expectProfileError(
      () => decodeProfile(bad),
      /location 1 refers to function id 77, which does not exist/
    )
  })

  it('a sample whose value count does not match the sample types', () => {
    const bad = craftProfile({
      samples: [
        [
          [1, 'varint', 1],
          [2, 'varint', 5]
        ]
      ]
    })
    expectProfileError(
      () => decodeProfile(bad),
      /sample 0 has 1 values but the profile declares 2 sample types/
    )
  })

  it('output over the size cap, gzip and raw', () => {
    expectProfileError(
      () => decodeProfile(gz, { maxBytes: 1000 }),
      /exceeds the size cap of 1000 bytes/
    )
    expectProfileError(
      () => decodeProfile(raw, { maxBytes: 1000 }),
      /exceeds the size cap of 1000 bytes/
    )
  })

  it('readProfile names the path, including for a missing file', async () => {
    const missing = join(tmp, 'missing.pprof')
    await expect(readProfile(missing)).rejects.toThrow(
      new RegExp(`^${missing}: cannot read the profile`)
    )
    const empty = join(tmp, 'empty.pprof')
    writeFileSync(empty, '')
    await expect(readProfile(empty)).rejects.toBeInstanceOf(ProfileError)
  })

  it('the CLI prints the message without a stack trace and exits non-zero', async () => {
    const corrupt = join(tmp, 'corrupt.pprof')
    writeFileSync(corrupt, gz.subarray(0, 100))
    const result = await exec(process.execPath, [
      join(ROOT, 'dist', 'cli.js'),
      'top',
      corrupt
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `benchgate: ${corrupt}: gzip stream is truncated. Regenerate it with \`go test -cpuprofile\`/\`-memprofile\`, or check that the right file was passed\n`
    )
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('crafted fields beyond the basics', () => {
  it('rejects a location with id 0', () => {
    const bad = craftProfile({
      locations: [
        [
          [1, 'varint', 0],
          [4, 'msg', [[1, 'varint', 1]]]
        ]
      ]
    })
    expectProfileError(() => decodeProfile(bad), /location has invalid id 0/)
  })

  it('keeps unknown fields from newer schema versions harmless', () => {
    const extra: Field[] = [
      [99, 'varint', 5],
      [100, 'bytes', 'future']
    ]
    const p = decodeProfile(craftProfile({ extra }))
    expect(aggregate(p).total).toBe(40)
  })
})
