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
import { idLayoutProfile } from './helpers/protowire.js'

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

describe('adversarial location id layouts', () => {
  const SPARSE = [1, 2 ** 31]

  it('property: any id layout decodes with every sample counted, or is a ProfileError', () => {
    const layout = fc.oneof(
      fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 500 }).map(n => Array.from({ length: n }, (_, i) => n - i)),
      fc
        .integer({ min: 1, max: 50 })
        .map(n => Array.from({ length: n }, (_, i) => 2 ** 32 - 1 - i * 7919)),
      fc.array(fc.integer({ min: 0, max: 2 ** 53 }), { minLength: 1, maxLength: 20 })
    )
    fc.assert(
      fc.property(layout, fc.integer({ min: 1, max: 300 }), (ids, n) => {
        const bytes = idLayoutProfile(ids, n)
        // Ids are checked: unique, from 1, and within the reader's 2^32 - 1.
        const valid = new Set(ids).size === ids.length && ids.every(id => id >= 1 && id < 2 ** 32)
        const outcome = decodeOrProfileError(bytes)
        if (valid) expect(outcome).toBe('decoded')
        if (outcome === 'rejected') return
        const table = aggregate(decodeProfile(bytes), { sampleType: 'samples' })
        expect(table.total).toBe(n)
        expect(table.functions).toEqual([{ name: 'main', flat: n, cum: n }])
      }),
      { numRuns: 300 }
    )
  })

  it('decoding time grows linearly with size for sparse ids (two sizes, one process)', () => {
    const time = (n: number): number => {
      const bytes = idLayoutProfile(SPARSE, n)
      const runs: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = process.hrtime.bigint()
        expect(decodeProfile(bytes).samples.count).toBe(n)
        runs.push(Number(process.hrtime.bigint() - start))
      }
      // The fastest run: load or a GC pause only ever adds time.
      return Math.min(...runs)
    }
    time(5_000) // warm up the JIT
    const small = time(20_000)
    const large = time(80_000)
    // 4× the input: linear is ~4×, the old per-sample rescan was ~16×.
    // A generous bound, so a loaded machine cannot fail it by chance.
    expect(large / small).toBeLessThan(10)
  })
})
