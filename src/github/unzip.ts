/**
 * A strict extractor for baseline artifact zips (PKWARE APPNOTE 6.3.x
 * layout: local headers, central directory, end-of-central-directory).
 * Artifacts can be forged by a pull request, so every entry is checked
 * before anything is written: no absolute paths or `..`, no symlinks, at
 * most `maxEntries` entries, each at most `maxEntryBytes` and all together
 * at most `maxTotalBytes` when inflated (inflation itself is capped, so a
 * lying size field cannot become a bomb), stored or deflated only, and the
 * CRC-32 of every entry must match. Files are written only inside `dest`,
 * which the caller creates fresh.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve, sep } from 'node:path'
import { crc32, inflateRawSync } from 'node:zlib'

/** The zip is corrupt, hostile, or too large. */
export class ZipError extends Error {
  override name = 'ZipError'
}

/** Caps the extractor enforces on an archive. */
export interface ZipLimits {
  maxEntries: number
  maxEntryBytes: number
  maxTotalBytes: number
}

/** The caps for a baseline artifact. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 2 * 1024 ** 3
}

interface Entry {
  name: string
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
  isDirectory: boolean
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/** Validate and extract; returns the relative paths written. */
export async function extractZip(
  zip: Buffer,
  dest: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS
): Promise<string[]> {
  const entries = readCentralDirectory(zip, limits)
  const root = resolve(dest)
  const planned = entries.map(e => {
    const target = resolve(root, e.name)
    if (target !== root && !target.startsWith(root + sep))
      throw new ZipError(`entry "${e.name}" would be written outside the extraction directory`)
    return target
  })
  checkCollisions(entries, planned, root)
  // Inflate everything first (capped), so nothing is written for a zip that fails later.
  let total = 0
  const contents = entries.map(e => {
    if (e.isDirectory) return undefined
    const data = entryData(zip, e, limits)
    total += data.length
    if (total > limits.maxTotalBytes)
      throw new ZipError(`the entries add up to more than ${limits.maxTotalBytes} bytes`)
    return data
  })
  const written: string[] = []
  for (let i = 0; i < entries.length; i++) {
    const data = contents[i]
    if (!data) {
      await mkdir(planned[i], { recursive: true })
      continue
    }
    await mkdir(dirname(planned[i]), { recursive: true })
    try {
      await writeFile(planned[i], data, { flag: 'wx' })
    } catch (err) {
      // Never overwrite: a file already there is the zip's fault or the caller's, said as a zip error.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ZipError(`entry "${entries[i].name}" would overwrite a file that already exists`)
      throw err
    }
    written.push(entries[i].name)
  }
  return written
}

/**
 * Two entries that land on one path would overwrite each other or fail
 * half-way with EEXIST: `r.json` and `./r.json`, a file `a` and a
 * directory `a/`, a file `a` and an entry `a/b` below it. Each is refused
 * before anything is written.
 */
/**
 * A path as a file system may store it: case-insensitive (macOS and
 * Windows runners) and with Unicode normalised (macOS): `R.json` and
 * `r.json`, or `é` composed and decomposed, name one file there.
 */
function fold(path: string): string {
  return path.normalize('NFC').toLowerCase()
}

function checkCollisions(
  entries: readonly Entry[],
  planned: readonly string[],
  root: string
): void {
  const files = new Map<string, string>()
  const dirs = new Map<string, string>()
  const folded = planned.map(fold)
  entries.forEach((e, i) => {
    const target = folded[i]
    const other = files.get(target) ?? (e.isDirectory ? undefined : dirs.get(target))
    if (other !== undefined)
      throw new ZipError(`entries "${other}" and "${e.name}" are the same path`)
    ;(e.isDirectory ? dirs : files).set(target, e.name)
  })
  const top = fold(root + sep)
  entries.forEach((e, i) => {
    for (let up = dirname(folded[i]); up.startsWith(top); up = dirname(up)) {
      const file = files.get(up)
      if (file !== undefined)
        throw new ZipError(`entry "${e.name}" lies below "${file}", which is a file`)
    }
    if (!e.isDirectory && dirs.has(folded[i]))
      throw new ZipError(`entries "${dirs.get(folded[i])}" and "${e.name}" are the same path`)
  })
}

function readCentralDirectory(zip: Buffer, limits: ZipLimits): Entry[] {
  if (zip.length < 22) throw new ZipError('not a zip file (too short)')
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0)
    throw new ZipError('not a zip file, or truncated (no end-of-central-directory record)')
  const count = zip.readUInt16LE(eocd + 10)
  const cdSize = zip.readUInt32LE(eocd + 12)
  const cdOffset = zip.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ZipError('ZIP64 archives are not accepted for baselines')
  if (count > limits.maxEntries)
    throw new ZipError(`${count} entries exceed the limit of ${limits.maxEntries}`)
  if (cdOffset + cdSize > eocd)
    throw new ZipError('corrupt zip: the central directory lies outside the file')
  const entries: Entry[] = []
  const seen = new Set<string>()
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL)
      throw new ZipError(`corrupt zip: bad central directory entry ${i}`)
    const madeBy = zip.readUInt16LE(p + 4)
    const flags = zip.readUInt16LE(p + 8)
    const method = zip.readUInt16LE(p + 10)
    const crc = zip.readUInt32LE(p + 16)
    const compressedSize = zip.readUInt32LE(p + 20)
    const size = zip.readUInt32LE(p + 24)
    const nameLen = zip.readUInt16LE(p + 28)
    const extraLen = zip.readUInt16LE(p + 30)
    const commentLen = zip.readUInt16LE(p + 32)
    const external = zip.readUInt32LE(p + 38)
    const localOffset = zip.readUInt32LE(p + 42)
    if (p + 46 + nameLen > zip.length)
      throw new ZipError(`corrupt zip: entry ${i}'s name runs past the end`)
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen)
    p += 46 + nameLen + extraLen + commentLen
    if (flags & 0x1) throw new ZipError(`entry "${name}" is encrypted`)
    if (method !== 0 && method !== 8)
      throw new ZipError(
        `entry "${name}" uses compression method ${method} (only stored and deflate are accepted)`
      )
    if (madeBy >> 8 === 3 && ((external >>> 16) & S_IFMT) === S_IFLNK)
      throw new ZipError(`entry "${name}" is a symbolic link`)
    checkName(name)
    if (seen.has(fold(name))) throw new ZipError(`entry "${name}" appears twice`)
    seen.add(fold(name))
    if (size > limits.maxEntryBytes)
      throw new ZipError(
        `entry "${name}" is ${size} bytes, over the limit of ${limits.maxEntryBytes}`
      )
    entries.push({
      name,
      method,
      crc,
      compressedSize,
      size,
      localOffset,
      isDirectory: name.endsWith('/')
    })
  }
  return entries
}

function checkName(name: string): void {
  if (name === '' || name.includes('\0'))
    throw new ZipError('an entry has an empty or NUL-containing name')
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name))
    throw new ZipError(`entry "${name}" has an absolute path`)
  if (name.split(/[\\/]/).some(part => part === '..'))
    throw new ZipError(`entry "${name}" contains ".."`)
}

function entryData(zip: Buffer, e: Entry, limits: ZipLimits): Buffer {
  const p = e.localOffset
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL)
    throw new ZipError(`corrupt zip: no local header for "${e.name}"`)
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28)
  const end = start + e.compressedSize
  if (end > zip.length) throw new ZipError(`corrupt zip: "${e.name}" is truncated`)
  const raw = zip.subarray(start, end)
  let data: Buffer
  if (e.method === 0) data = Buffer.from(raw)
  else {
    try {
      data = inflateRawSync(raw, {
        maxOutputLength: Math.min(limits.maxEntryBytes, e.size + 1) || 1
      })
    } catch (err) {
      throw new ZipError(`corrupt zip: "${e.name}" does not inflate (${(err as Error).message})`)
    }
  }
  if (data.length !== e.size)
    throw new ZipError(
      `corrupt zip: "${e.name}" inflates to ${data.length} bytes, not the ${e.size} it declares`
    )
  if (crc32(data) >>> 0 !== e.crc) throw new ZipError(`corrupt zip: CRC mismatch in "${e.name}"`)
  return data
}
