/**
 * The wire-level pass of the decoder: one walk over the protobuf bytes of
 * google/pprof proto/profile.proto, into flat typed arrays. Indices into
 * the string table and ids stay unresolved, because Go writes the string
 * table last (docs/design.md "The pprof encoding"); resolve.ts checks and
 * resolves them once everything has been read.
 */
import { F64List, U32List, WireError, WireReader } from './wire.js'

/** Wire-level contents, with string-table indices and ids not yet resolved. */
export interface RawProfile {
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

/** A RawProfile with nothing read yet. */
function emptyRaw(): RawProfile {
  return {
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
}

/** Read the wire format; field numbers below are those of profile.proto. */
export function readRaw(buf: Uint8Array): RawProfile {
  const r = new WireReader(buf)
  const raw = emptyRaw()
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
      readScalar(r, raw, field)
      checkSafe(`profile field ${field}`)
    } else {
      r.skip(wt, field)
    }
  }
  return raw
}

/** One of the profile's scalar fields 7–15 (drop_frames … doc_url). */
function readScalar(r: WireReader, raw: RawProfile, field: number): void {
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
