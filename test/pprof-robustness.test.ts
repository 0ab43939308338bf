/**
 * The decoder either decodes or throws ProfileError — never anything else —
 * for arbitrary bytes and for corruptions of real profiles; and a gzip bomb
 * is refused on every decompression path.
 */
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregate, decodeProfile, ProfileError, readProfile } from '../src/pprof/index.js'
import { ROOT, tempDir } from './helpers/go.js'

const exec = promisify(execFile)
const gz = readFileSync(join(ROOT, 'fixtures', 'profiles', 'encoding-json.cpu.pprof'))
const raw = gunzipSync(gz)
const mem = readFileSync(join(ROOT, 'fixtures', 'profiles', 'alloc.mem.pprof'))

/** Decode, and aggregate every sample type; only ProfileError may escape. */
function decodeOrProfileError(bytes: Uint8Array): 'decoded' | 'rejected' {
  try {
    const profile = decodeProfile(bytes, { maxBytes: 16 * 1024 * 1024 })
    for (const t of profile.sampleTypes) aggregate(profile, { sampleType: t.type })
    return 'decoded'
  } catch (err) {
    if (err instanceof ProfileError) return 'rejected'
    throw err
  }
}

function flip(bytes: Uint8Array, flips: [number, number][]): Uint8Array {
  const out = Uint8Array.from(bytes)
  for (const [pos, bit] of flips) out[pos % out.length] ^= 1 << bit
  return out
}

describe('property: decode or ProfileError, nothing else', () => {
  it('arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), bytes => {
        decodeOrProfileError(bytes)
      }),
      { numRuns: 2000 }
    )
  })

  it('arbitrary bytes behind a gzip magic, and gzip of arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), bytes => {
        decodeOrProfileError(Uint8Array.from([0x1f, 0x8b, ...bytes]))
        decodeOrProfileError(gzipSync(bytes))
      }),
      { numRuns: 500 }
    )
  })

  it.each([
    ['gzip CPU', gz],
    ['raw CPU', raw],
    ['gzip allocs', mem],
    ['raw allocs', gunzipSync(mem)]
  ])('truncations of a real %s profile', (_, bytes) => {
    const outcomes = new Set<string>()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), n => {
        outcomes.add(decodeOrProfileError(bytes.subarray(0, n)))
      }),
      { numRuns: 300 }
    )
    expect(outcomes.has('rejected')).toBe(true)
  })

  it.each([
    ['gzip CPU', gz],
    ['raw CPU', raw],
    ['raw allocs', gunzipSync(mem)]
  ])('bit flips in a real %s profile', (_, bytes) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), {
          minLength: 1,
          maxLength: 8
        }),
        flips => {
          decodeOrProfileError(flip(bytes, flips))
        }
      ),
      { numRuns: 400 }
    )
  })
})

describe('a gzip bomb', () => {
  // Concatenated gzip members are one valid gzip file (RFC 1952 §2.2): 20
  // copies of 64 MiB of zeros make ~1.3 MB that inflates to 1.25 GiB, past
  // the default 1 GiB cap.
  const member = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
  const bomb = Buffer.concat(Array.from({ length: 20 }, () => member))
  const dir = tempDir('bomb')
  const file = join(dir, 'bomb.pprof')
  writeFileSync(file, bomb)

  it('is a few MB at most', () => {
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024)
  })

  it('is refused by decodeProfile with the default cap', () => {
    expect(() => decodeProfile(bomb, { source: 'bomb.pprof' })).toThrow(
      /^bomb\.pprof: decompressed profile exceeds the size cap of 1073741824 bytes/
    )
  })

  it('is refused by readProfile with the default and a custom cap', async () => {
    await expect(readProfile(file)).rejects.toThrow(/exceeds the size cap of 1073741824 bytes/)
    await expect(readProfile(file, { maxBytes: 1 << 20 })).rejects.toThrow(
      /exceeds the size cap of 1048576 bytes/
    )
  })

  it.each([[[]], [['--max-profile-bytes', '8MiB']]])('is refused by the CLI (%j)', async extra => {
    const result = await exec(process.execPath, [
      join(ROOT, 'dist', 'cli.js'),
      'top',
      file,
      ...extra
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^benchgate: .*bomb\.pprof: decompressed profile exceeds the size cap of \d+ bytes/
    )
  })
})
