/**
 * The baseline zip extractor on crafted archives: good ones extract; hostile
 * or corrupt ones are refused before anything is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPORT_ZIP_LIMITS } from '../../../src/github/report-artifact.js'
import { extractZip, ZipError } from '../../../src/github/unzip.js'
import { tempDir } from '../../helpers/go.js'
import { zip, type ZipSpec } from '../../helpers/zip.js'

const refuse = async (
  archive: Buffer,
  pattern: RegExp,
  limits?: Parameters<typeof extractZip>[2]
): Promise<void> => {
  const dest = tempDir('unzip')
  await expect(extractZip(archive, dest, limits)).rejects.toThrow(ZipError)
  await expect(extractZip(archive, dest, limits)).rejects.toThrow(pattern)
  expect(readdirSync(dest)).toEqual([]) // nothing written
}

describe('extractZip', () => {
  it('extracts a bundle-shaped zip (stored and deflated entries, directories)', async () => {
    const dest = tempDir('unzip')
    const written = await extractZip(
      zip([
        { name: 'results.json', data: Buffer.from('{"schemaVersion":1}') },
        { name: 'profiles/' },
        { name: 'profiles/a.cpu.pprof', data: Buffer.alloc(5000, 7), method: 0 }
      ]),
      dest
    )
    expect(written.sort()).toEqual(['profiles/a.cpu.pprof', 'results.json'])
    expect(readFileSync(join(dest, 'results.json'), 'utf8')).toBe('{"schemaVersion":1}')
    expect(readFileSync(join(dest, 'profiles', 'a.cpu.pprof'))).toEqual(Buffer.alloc(5000, 7))
  })

  it.each([
    ['a .. path', [{ name: '../escape.txt', data: Buffer.from('x') }], /contains "\.\."/],
    [
      'a nested .. path',
      [{ name: 'a/../../escape.txt', data: Buffer.from('x') }],
      /contains "\.\."/
    ],
    ['an absolute path', [{ name: '/etc/passwd', data: Buffer.from('x') }], /absolute path/],
    ['a Windows absolute path', [{ name: 'C:\\x.txt', data: Buffer.from('x') }], /absolute path/],
    [
      'a symlink',
      [{ name: 'link', data: Buffer.from('/etc/passwd'), symlink: true }],
      /symbolic link/
    ],
    ['a CRC mismatch', [{ name: 'a', data: Buffer.from('hello'), crc: 1234 }], /CRC mismatch/],
    [
      'a size that lies',
      [{ name: 'a', data: Buffer.from('hello world'), size: 3 }],
      /inflates to|does not inflate/
    ],
    [
      'a duplicate entry',
      [
        { name: 'a', data: Buffer.from('1') },
        { name: 'a', data: Buffer.from('2') }
      ],
      /appears twice/
    ],
    [
      'names that differ only in case (one file on macOS and Windows runners)',
      [
        { name: 'results.json', data: Buffer.from('1') },
        { name: 'RESULTS.json', data: Buffer.from('2') }
      ],
      /appears twice/
    ],
    [
      'names that differ only in Unicode normalisation (one file on macOS)',
      [
        { name: 'caf\u00e9.json', data: Buffer.from('1') },
        { name: 'cafe\u0301.json', data: Buffer.from('2') }
      ],
      /appears twice/
    ],
    [
      'a file under a name that folds to another file',
      [
        { name: 'Profiles', data: Buffer.from('1') },
        { name: 'profiles/a.pprof', data: Buffer.from('2') }
      ],
      /lies below "Profiles", which is a file/
    ]
  ] as [string, ZipSpec[], RegExp][])('refuses %s', async (_, specs, pattern) => {
    await refuse(zip(specs), pattern)
  })

  it('a file already in the destination is a ZipError, and is left as it was', async () => {
    const dest = tempDir('unzip')
    await extractZip(zip([{ name: 'results.json', data: Buffer.from('mine') }]), dest)
    const again = extractZip(zip([{ name: 'results.json', data: Buffer.from('theirs') }]), dest)
    await expect(again).rejects.toThrow(ZipError)
    await expect(again).rejects.toThrow(/would overwrite a file that already exists/)
    expect(readFileSync(join(dest, 'results.json'), 'utf8')).toBe('mine')
  })

  it('refuses more entries than the cap, and entries over the size cap', async () => {
    const many = zip(
      Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }))
    )
    await refuse(many, /11 entries exceed the limit of 10/, {
      maxEntries: 10,
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 1 << 20
    })
    const big = zip([{ name: 'big', data: Buffer.alloc(2 << 20) }])
    await refuse(big, /over the limit of 1048576/, {
      maxEntries: 10,
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 4 << 20
    })
  })

  it('refuses a bomb whose header understates its size, without inflating it all', async () => {
    // 200 MiB of zeros deflate to ~200 KB; the header claims 10 bytes.
    const bomb = zip([{ name: 'bomb', data: Buffer.alloc(200 << 20), size: 10 }])
    expect(bomb.length).toBeLessThan(1 << 20)
    await refuse(bomb, /does not inflate|inflates to/)
  })

  it('refuses data that is not a zip, and a truncated zip', async () => {
    await refuse(Buffer.from('PK\x03\x04 not really'), /too short|no end-of-central-directory/)
    const good = zip([{ name: 'a', data: Buffer.alloc(1000, 1) }])
    await refuse(good.subarray(0, good.length - 30), /no end-of-central-directory|outside the file/)
  })

  it('never writes outside the destination even for names that normalise inside', async () => {
    const dest = tempDir('unzip')
    await extractZip(zip([{ name: 'a/./b.txt', data: Buffer.from('ok') }]), dest)
    expect(existsSync(join(dest, 'a', 'b.txt'))).toBe(true)
  })

  it.each([
    ['a file and an entry below it', ['a', 'a/b'], /entry "a\/b" lies below "a", which is a file/],
    [
      'an entry below a file, listed first',
      ['a/b', 'a'],
      /entry "a\/b" lies below "a", which is a file/
    ],
    [
      'a name and its ./ spelling',
      ['r.json', './r.json'],
      /entries "r\.json" and "\.\/r\.json" are the same path/
    ],
    ['a directory and a file of one name', ['a/', 'a'], /entries "a\/" and "a" are the same path/],
    ['a file and a directory of one name', ['a', 'a/'], /entries "a" and "a\/" are the same path/],
    ['two spellings deep down', ['x/./z.txt', 'x/z.txt'], /are the same path/]
  ])('refuses colliding paths: %s, as a ZipError, writing nothing', async (_, names, pattern) => {
    const specs: ZipSpec[] = names.map(name => ({
      name,
      data: name.endsWith('/') ? undefined : Buffer.from(name)
    }))
    await refuse(zip(specs), pattern)
  })

  it('a report artifact is read with the limits of what it may hold, not 1 GiB an entry', async () => {
    // A small zip that inflates far past a report's 16 MiB cap is refused
    // after inflating at most the cap, not the whole bomb.
    const bomb = zip([{ name: 'report.json', data: Buffer.alloc(64 * 1024 * 1024, 0x20) }])
    expect(bomb.length).toBeLessThan(200_000)
    await refuse(bomb, /more than|exceeds|over/, REPORT_ZIP_LIMITS)
    // More entries than a report has are refused too.
    const many = zip(
      Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') }))
    )
    await refuse(many, /10 entries exceed the limit of 4/, REPORT_ZIP_LIMITS)
  })
})
