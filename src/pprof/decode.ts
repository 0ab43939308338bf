import { readFile, stat } from 'node:fs/promises'
import { ProfileError, REGENERATE_HINT } from './errors.js'
import { DEFAULT_MAX_PROFILE_BYTES, gunzipCapped, isGzip } from './gunzip.js'
import type {
  LabelTable,
  Location,
  Profile,
  ProfileFunction,
  SampleTable,
  ValueType
} from './model.js'
import { F64List, U32List, WireError, WireReader } from './wire.js'

/** Options shared by the decoding entry points. */
export interface DecodeOptions {
  /** Name used in error messages: the file path, or a label. */
  source?: string
  /** Ceiling for the decoded (uncompressed) size in bytes. Default 1 GiB. */
  maxBytes?: number
}

/**
 * Read and decode a profile file (gzip-compressed or raw protobuf).
 * Every failure, including I/O, is a ProfileError naming the file.
 */
export async function readProfile(path: string, options: DecodeOptions = {}): Promise<Profile> {
  const source = options.source ?? path
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new ProfileError(source, 'is not a regular file')
    if (info.size > maxBytes) throw tooLarge(source, maxBytes)
    bytes = await readFile(path)
  } catch (err) {
    if (err instanceof ProfileError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProfileError(
      source,
      `cannot read the profile (${reason})`,
      'Check the path and permissions'
    )
  }
  return decodeProfile(bytes, { ...options, source, maxBytes })
}

/**
 * Decode profile bytes: gzip (told apart by its 1f 8b magic) or raw
 * protobuf, per google/pprof proto/profile.proto (our copy:
 * src/pprof/profile.proto). Throws only ProfileError.
 */
export function decodeProfile(bytes: Uint8Array, options: DecodeOptions = {}): Profile {
  const source = options.source ?? '<profile>'
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES
  if (bytes.length === 0) {
    throw new ProfileError(source, 'the file is empty', REGENERATE_HINT)
  }
  let data = bytes
  if (isGzip(bytes)) {
    data = gunzipCapped(bytes, maxBytes, source)
  } else if (bytes.length > maxBytes) {
    throw tooLarge(source, maxBytes)
  }
  if (data.length === 0)
    throw new ProfileError(source, 'the gzip stream holds no data', REGENERATE_HINT)
  let raw: RawProfile
  try {
    raw = readRaw(data)
  } catch (err) {
    throw wireError(err, source)
  }
  try {
    return resolve(raw, source)
  } catch (err) {
    if (err instanceof ProfileError) throw err
    // A structural surprise the checks below did not anticipate is still a
    // bad profile, never a crash with an internal stack trace.
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProfileError(source, `malformed profile (${reason})`, REGENERATE_HINT)
  }
}

function tooLarge(source: string, maxBytes: number): ProfileError {
  return new ProfileError(
    source,
    `profile exceeds the size cap of ${maxBytes} bytes`,
    'Raise --max-profile-bytes (library: maxBytes) if the file is trusted'
  )
}

function wireError(err: unknown, source: string): ProfileError {
  if (err instanceof WireError) {
    switch (err.kind) {
      case 'truncated':
        return new ProfileError(
          source,
          `protobuf data is truncated (${err.message})`,
          REGENERATE_HINT
        )
      case 'wire-type':
        return new ProfileError(
          source,
          `not a pprof profile: invalid protobuf wire type (${err.message})`,
          REGENERATE_HINT
        )
      case 'malformed':
        return new ProfileError(
          source,
          `not a pprof profile: malformed protobuf (${err.message})`,
          REGENERATE_HINT
        )
    }
  }
  if (err instanceof ProfileError) return err
  const reason = err instanceof Error ? err.message : String(err)
  return new ProfileError(
    source,
    `not a pprof profile: protobuf decoding failed (${reason})`,
    REGENERATE_HINT
  )
}

/** Wire-level contents, with string-table indices and ids not yet resolved. */
interface RawProfile {
  sampleTypes: [number, number][]
  sampleCount: number
  valueStart: U32List
  values: F64List
  stackStart: U32List
  /** Location *ids* until resolve() turns them into positions. */
  stacks: U32List
  labels: { sample: U32List; key: U32List; str: U32List; num: F64List; numUnit: U32List }
  mappings: { id: number; filename: number }[]
  locations: { id: number; mappingId: number; address: number; lines: [number, number][] }[]
  functions: { id: number; name: number; systemName: number; filename: number; startLine: number }[]
  strings: string[]
  dropFrames: number
  keepFrames: number
  timeNanos: number
  durationNanos: number
  periodType: [number, number] | undefined
  period: number
  comments: number[]
  defaultSampleType: number
  /** A field that must be exact (an id or value) did not fit in 2^53. */
  unsafeField: string | undefined
}

const utf8 = new TextDecoder('utf-8')

/** Field numbers below are those of profile.proto. */
function readRaw(buf: Uint8Array): RawProfile {
  const r = new WireReader(buf)
  const raw: RawProfile = {
    sampleTypes: [],
    sampleCount: 0,
    valueStart: new U32List(),
    values: new F64List(),
    stackStart: new U32List(),
    stacks: new U32List(),
    labels: {
      sample: new U32List(),
      key: new U32List(),
      str: new U32List(),
      num: new F64List(),
      numUnit: new U32List()
    },
    mappings: [],
    locations: [],
    functions: [],
    strings: [],
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0,
    durationNanos: 0,
    periodType: undefined,
    period: 0,
    comments: [],
    defaultSampleType: 0,
    unsafeField: undefined
  }
  const checkSafe = (what: string): void => {
    if (r.unsafe && raw.unsafeField === undefined) raw.unsafeField = what
    r.unsafe = false
  }
  while (r.pos < r.end) {
    const tag = r.varint()
    const field = tag >>> 3
    const wt = tag & 7
    if (field === 2 && wt === 2) {
      readSample(r, raw)
      checkSafe(`sample ${raw.sampleCount - 1}`)
    } else if (field === 6 && wt === 2) {
      const end = r.lengthDelimited()
      raw.strings.push(utf8.decode(buf.subarray(r.pos, end)))
      r.pos = end
    } else if (field === 4 && wt === 2) {
      raw.locations.push(readLocation(r))
      checkSafe('location')
    } else if (field === 5 && wt === 2) {
      raw.functions.push(readFunction(r))
      checkSafe('function')
    } else if (field === 1 && wt === 2) {
      raw.sampleTypes.push(readValueType(r))
    } else if (field === 3 && wt === 2) {
      raw.mappings.push(readMapping(r))
      checkSafe('mapping')
    } else if (field === 11 && wt === 2) {
      raw.periodType = readValueType(r)
    } else if (field === 13) {
      readRepeated(r, wt, field, v => raw.comments.push(v))
    } else if (wt === 0 && field >= 7 && field <= 15) {
      const v = r.varintSigned()
      switch (field) {
        case 7:
          raw.dropFrames = v
          break
        case 8:
          raw.keepFrames = v
          break
        case 9:
          // A wall-clock timestamp (~1.8e18 ns) never fits 2^53; a float64
          // keeps it to within a microsecond, all a timestamp is used for.
          raw.timeNanos = v
          r.unsafe = false
          break
        case 10:
          raw.durationNanos = v
          break
        case 12:
          raw.period = v
          break
        case 14:
          raw.defaultSampleType = v
          break
        default:
          break // 15: doc_url, not used
      }
      checkSafe(`profile field ${field}`)
    } else {
      r.skip(wt, field)
    }
  }
  return raw
}

/** A repeated scalar field, packed (wire type 2) or not (wire type 0). */
function readRepeated(r: WireReader, wt: number, field: number, push: (v: number) => void): void {
  if (wt === 2) {
    const end = r.lengthDelimited()
    const outer = r.end
    r.end = end
    while (r.pos < end) push(r.varintSigned())
    r.end = outer
  } else if (wt === 0) {
    push(r.varintSigned())
  } else {
    r.skip(wt, field)
  }
}

function readSample(r: WireReader, raw: RawProfile): void {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  const index = raw.sampleCount++
  raw.stackStart.push(raw.stacks.length)
  raw.valueStart.push(raw.values.length)
  const stacks = raw.stacks
  const values = raw.values
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    const wt = tag & 7
    if (field === 1 && (wt === 0 || wt === 2)) {
      // location_id: packed when Go writes more than two, else unpacked.
      if (wt === 0) stacks.push(locationId(r.varint()))
      else {
        const e = r.lengthDelimited()
        r.end = e
        while (r.pos < e) stacks.push(locationId(r.varint()))
        r.end = end
      }
    } else if (field === 2 && (wt === 0 || wt === 2)) {
      // value: a CPU sample's two values arrive unpacked, heap's four packed.
      if (wt === 0) values.push(r.varintSigned())
      else {
        const e = r.lengthDelimited()
        r.end = e
        while (r.pos < e) values.push(r.varintSigned())
        r.end = end
      }
    } else if (field === 3 && wt === 2) {
      readLabel(r, raw.labels, index)
    } else {
      r.skip(wt, field)
    }
  }
  r.end = outer
}

/** Location ids are kept in a Uint32Array until resolved to positions. */
function locationId(id: number): number {
  if (id > 0xffffffff)
    throw new WireError(
      'malformed',
      `location id ${id} is larger than this reader supports (2^32-1)`
    )
  return id
}

function readLabel(r: WireReader, labels: RawProfile['labels'], sample: number): void {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  let key = 0
  let str = 0
  let num = 0
  let numUnit = 0
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    if ((tag & 7) !== 0 || field < 1 || field > 4) {
      r.skip(tag & 7, field)
      continue
    }
    const v = r.varintSigned()
    if (field === 1) key = v
    else if (field === 2) str = v
    else if (field === 3) num = v
    else numUnit = v
  }
  r.end = outer
  // String indices are range-checked in resolve(); keep them 32-bit here.
  labels.sample.push(sample)
  labels.key.push(stringIndex(key))
  labels.str.push(stringIndex(str))
  labels.num.push(num)
  labels.numUnit.push(stringIndex(numUnit))
}

function stringIndex(v: number): number {
  if (v < 0 || v > 0xffffffff) throw new WireError('malformed', `string index ${v} is out of range`)
  return v
}

function readValueType(r: WireReader): [number, number] {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  const vt: [number, number] = [0, 0]
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    if ((tag & 7) === 0 && (field === 1 || field === 2)) vt[field - 1] = r.varintSigned()
    else r.skip(tag & 7, field)
  }
  r.end = outer
  return vt
}

function readMapping(r: WireReader): { id: number; filename: number } {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  const m = { id: 0, filename: 0 }
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    if ((tag & 7) === 0 && field === 1) m.id = r.varint()
    else if ((tag & 7) === 0 && field === 5) m.filename = r.varintSigned()
    else r.skip(tag & 7, field)
  }
  r.end = outer
  return m
}

function readLocation(r: WireReader): RawProfile['locations'][number] {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  const loc: RawProfile['locations'][number] = { id: 0, mappingId: 0, address: 0, lines: [] }
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    const wt = tag & 7
    if (wt === 0 && field === 1) loc.id = r.varint()
    else if (wt === 0 && field === 2) loc.mappingId = r.varint()
    else if (wt === 0 && field === 3) {
      // Addresses may exceed 2^53 (kernel space); they are only labels here.
      loc.address = r.varint()
      r.unsafe = false
    } else if (wt === 2 && field === 4) {
      const lineEnd = r.lengthDelimited()
      r.end = lineEnd
      const line: [number, number] = [0, 0]
      while (r.pos < lineEnd) {
        const t = r.varint()
        const f = t >>> 3
        if ((t & 7) === 0 && f === 1) line[0] = r.varint()
        else if ((t & 7) === 0 && f === 2) line[1] = r.varintSigned()
        else r.skip(t & 7, f)
      }
      r.end = end
      loc.lines.push(line)
    } else r.skip(wt, field)
  }
  r.end = outer
  return loc
}

function readFunction(r: WireReader): RawProfile['functions'][number] {
  const end = r.lengthDelimited()
  const outer = r.end
  r.end = end
  const fn = { id: 0, name: 0, systemName: 0, filename: 0, startLine: 0 }
  while (r.pos < end) {
    const tag = r.varint()
    const field = tag >>> 3
    if ((tag & 7) !== 0) {
      r.skip(tag & 7, field)
      continue
    }
    switch (field) {
      case 1:
        fn.id = r.varint()
        break
      case 2:
        fn.name = r.varintSigned()
        break
      case 3:
        fn.systemName = r.varintSigned()
        break
      case 4:
        fn.filename = r.varintSigned()
        break
      case 5:
        fn.startLine = r.varintSigned()
        break
      default:
        r.skip(0, field)
    }
  }
  r.end = outer
  return fn
}

/** Turn indices and ids into values and references, checking each one. */
function resolve(raw: RawProfile, source: string): Profile {
  const strings = raw.strings
  if (strings.length === 0) {
    throw new ProfileError(source, 'not a pprof profile: it has no string table', REGENERATE_HINT)
  }
  if (strings[0] !== '') {
    throw new ProfileError(
      source,
      'not a valid pprof profile: string_table[0] must be the empty string',
      REGENERATE_HINT
    )
  }
  if (raw.unsafeField !== undefined) {
    throw new ProfileError(
      source,
      `${raw.unsafeField} holds a value outside the safe integer range (±2^53)`,
      REGENERATE_HINT
    )
  }
  const str = (index: number, field: string): string => {
    if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
      throw new ProfileError(
        source,
        `string index ${index} in ${field} is out of range (the string table has ${strings.length} entries)`,
        REGENERATE_HINT
      )
    }
    return strings[index]
  }

  const sampleTypes: ValueType[] = raw.sampleTypes.map(([type, unit], i) => ({
    type: str(type, `sample_type[${i}].type`),
    unit: str(unit, `sample_type[${i}].unit`)
  }))
  if (sampleTypes.length === 0) {
    throw new ProfileError(
      source,
      'not a pprof profile: it declares no sample types',
      REGENERATE_HINT
    )
  }

  const mappingFiles = new Map<number, string>()
  raw.mappings.forEach((m, i) => mappingFiles.set(m.id, str(m.filename, `mapping[${i}].filename`)))

  const functionById = new IdIndex<ProfileFunction>('function', source)
  const functions: ProfileFunction[] = raw.functions.map((f, i) => {
    const fn: ProfileFunction = {
      id: f.id,
      name: str(f.name, `function[${i}].name`),
      systemName: str(f.systemName, `function[${i}].system_name`),
      filename: str(f.filename, `function[${i}].filename`),
      startLine: f.startLine
    }
    functionById.add(f.id, fn)
    return fn
  })

  const positionById = new IdIndex<number>('location', source)
  const locations: Location[] = raw.locations.map((l, i) => {
    let mappingFile = ''
    if (l.mappingId !== 0) {
      const file = mappingFiles.get(l.mappingId)
      if (file === undefined) {
        throw new ProfileError(
          source,
          `location ${l.id} refers to mapping id ${l.mappingId}, which does not exist`,
          REGENERATE_HINT
        )
      }
      mappingFile = file
    }
    positionById.add(l.id, i)
    return {
      id: l.id,
      index: i,
      address: l.address,
      mappingFile,
      lines: l.lines.map(([functionId, line]) => ({
        function: functionById.get(functionId, `location ${l.id}`),
        line
      }))
    }
  })

  const width = sampleTypes.length
  const count = raw.sampleCount
  raw.valueStart.push(raw.values.length)
  raw.stackStart.push(raw.stacks.length)
  const valueStart = raw.valueStart.data
  for (let i = 0; i < count; i++) {
    const n = valueStart[i + 1] - valueStart[i]
    if (n !== width) {
      throw new ProfileError(
        source,
        `sample ${i} has ${n} values but the profile declares ${width} sample types`,
        REGENERATE_HINT
      )
    }
  }
  // Location ids to positions, in place. Go numbers locations 1..n, so a
  // dense table is the common case; anything sparser uses the id index.
  const stacks = raw.stacks.data
  const stackStart = raw.stackStart.data
  const maxId = raw.locations.reduce((m, l) => Math.max(m, l.id), 0)
  const dense =
    maxId <= 4 * raw.locations.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : undefined
  if (dense) raw.locations.forEach((l, i) => (dense[l.id] = i))
  for (let k = 0; k < raw.stacks.length; k++) {
    const id = stacks[k]
    const position = dense && id <= maxId ? dense[id] : -1
    if (position >= 0) {
      stacks[k] = position
      continue
    }
    let sample = 0
    while (stackStart[sample + 1] <= k) sample++
    stacks[k] = positionById.get(id, `sample ${sample}`)
  }
  const lb = raw.labels
  for (const [column, name] of [
    [lb.key, 'key'],
    [lb.str, 'str'],
    [lb.numUnit, 'num_unit']
  ] as const) {
    for (let j = 0; j < column.length; j++) {
      if (column.data[j] >= strings.length)
        str(column.data[j], `sample ${lb.sample.data[j]} label ${name}`)
    }
  }
  const labels: LabelTable = {
    count: lb.sample.length,
    sample: lb.sample.trimmed(),
    key: lb.key.trimmed(),
    str: lb.str.trimmed(),
    num: lb.num.trimmed(),
    numUnit: lb.numUnit.trimmed(),
    strings
  }
  const samples: SampleTable = {
    count,
    width,
    values: raw.values.trimmed(),
    stackStart: raw.stackStart.trimmed(),
    stacks: raw.stacks.trimmed(),
    labels
  }

  return {
    sampleTypes,
    samples,
    locations,
    functions,
    periodType: raw.periodType
      ? {
          type: str(raw.periodType[0], 'period_type.type'),
          unit: str(raw.periodType[1], 'period_type.unit')
        }
      : undefined,
    period: raw.period,
    timeNanos: raw.timeNanos,
    durationNanos: raw.durationNanos,
    defaultSampleType: str(raw.defaultSampleType, 'default_sample_type'),
    comments: raw.comments.map((c, i) => str(c, `comment[${i}]`)),
    dropFrames: str(raw.dropFrames, 'drop_frames'),
    keepFrames: str(raw.keepFrames, 'keep_frames')
  }
}

/**
 * Id lookup. Go numbers locations and functions 1..n, so a dense array is
 * the fast path; sparse or huge ids fall back to a Map.
 */
class IdIndex<T> {
  private readonly dense: (T | undefined)[] = []
  private readonly sparse = new Map<number, T>()

  constructor(
    private readonly kind: string,
    private readonly source: string
  ) {}

  add(id: number, value: T): void {
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new ProfileError(
        this.source,
        `${this.kind} has invalid id ${id} (ids start at 1)`,
        REGENERATE_HINT
      )
    }
    if (this.lookup(id) !== undefined) {
      throw new ProfileError(this.source, `${this.kind} id ${id} is defined twice`, REGENERATE_HINT)
    }
    if (id <= this.dense.length + 1024) this.dense[id] = value
    else this.sparse.set(id, value)
  }

  get(id: number, where: string): T {
    const value = this.lookup(id)
    if (value === undefined) {
      throw new ProfileError(
        this.source,
        `${where} refers to ${this.kind} id ${id}, which does not exist (a dangling ${this.kind} id)`,
        REGENERATE_HINT
      )
    }
    return value
  }

  private lookup(id: number): T | undefined {
    return this.dense[id] ?? this.sparse.get(id)
  }
}
