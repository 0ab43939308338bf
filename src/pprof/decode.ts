import { readFile, stat } from 'node:fs/promises'
import './protobuf-numbers.js'
import { perftools } from './generated/profile.js'
import { ProfileError, REGENERATE_HINT } from './errors.js'
import { DEFAULT_MAX_PROFILE_BYTES, gunzipCapped, isGzip } from './gunzip.js'
import type { Label, Location, Profile, ProfileFunction, Sample, ValueType } from './model.js'

/**
 * What the generated decoder produces once int64s are numbers
 * (protobuf-numbers.ts): message instances whose absent fields read their
 * defaults (0, "", []) from the prototype. pbts cannot express that, so the
 * shape is written out here.
 */
interface RawValueType {
  type: number
  unit: number
}
interface RawLabel {
  key: number
  str: number
  num: number
  num_unit: number
}
interface RawProfile {
  sample_type: RawValueType[]
  sample: { location_id: number[]; value: number[]; label: RawLabel[] }[]
  mapping: { id: number; filename: number }[]
  location: {
    id: number
    mapping_id: number
    address: number
    line: { function_id: number; line: number }[]
  }[]
  function: {
    id: number
    name: number
    system_name: number
    filename: number
    start_line: number
  }[]
  string_table: string[]
  drop_frames: number
  keep_frames: number
  time_nanos: number
  duration_nanos: number
  period_type: RawValueType | null
  period: number
  comment: number[]
  default_sample_type: number
}

/** Options shared by the decoding entry points. */
export interface DecodeOptions {
  /** Name used in error messages: the file path, or a label. */
  source?: string
  /** Ceiling for the decoded (uncompressed) size in bytes. Default 1 GiB. */
  maxBytes?: number
}

const EMPTY_LABELS: Label[] = Object.freeze([]) as unknown as Label[]

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
 * protobuf. Throws only ProfileError.
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
    raw = perftools.profiles.Profile.decode(data) as unknown as RawProfile
  } catch (err) {
    throw protobufError(err, source)
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

function protobufError(err: unknown, source: string): ProfileError {
  const reason = err instanceof Error ? err.message : String(err)
  if (/index out of range/.test(reason)) {
    return new ProfileError(source, `protobuf data is truncated (${reason})`, REGENERATE_HINT)
  }
  if (/wire type/.test(reason)) {
    return new ProfileError(
      source,
      `not a pprof profile: invalid protobuf wire type (${reason})`,
      REGENERATE_HINT
    )
  }
  return new ProfileError(
    source,
    `not a pprof profile: protobuf decoding failed (${reason})`,
    REGENERATE_HINT
  )
}

/** Turn indices and ids into values and references, checking each one. */
function resolve(raw: RawProfile, source: string): Profile {
  const strings = raw.string_table
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
  const num = (value: number, field: string): number => {
    if (!Number.isSafeInteger(value)) {
      throw new ProfileError(source, `${field} value ${value} is outside the safe integer range`)
    }
    return value
  }

  const sampleTypes: ValueType[] = raw.sample_type.map((vt, i) => ({
    type: str(vt.type, `sample_type[${i}].type`),
    unit: str(vt.unit, `sample_type[${i}].unit`)
  }))
  if (sampleTypes.length === 0) {
    throw new ProfileError(
      source,
      'not a pprof profile: it declares no sample types',
      REGENERATE_HINT
    )
  }

  const mappingFiles = new Map<number, string>()
  raw.mapping.forEach((m, i) => mappingFiles.set(m.id, str(m.filename, `mapping[${i}].filename`)))

  const functions: ProfileFunction[] = new Array(raw.function.length)
  const functionById = new IdIndex<ProfileFunction>('function', source)
  raw.function.forEach((f, i) => {
    const fn: ProfileFunction = {
      id: f.id,
      name: str(f.name, `function[${i}].name`),
      systemName: str(f.system_name, `function[${i}].system_name`),
      filename: str(f.filename, `function[${i}].filename`),
      startLine: f.start_line
    }
    functions[i] = fn
    functionById.add(f.id, fn)
  })

  const locations: Location[] = new Array(raw.location.length)
  const locationById = new IdIndex<Location>('location', source)
  raw.location.forEach((l, i) => {
    let mappingFile = ''
    if (l.mapping_id !== 0) {
      const file = mappingFiles.get(l.mapping_id)
      if (file === undefined) {
        throw new ProfileError(
          source,
          `location ${l.id} refers to mapping id ${l.mapping_id}, which does not exist`,
          REGENERATE_HINT
        )
      }
      mappingFile = file
    }
    const loc: Location = {
      id: l.id,
      index: i,
      address: l.address,
      mappingFile,
      lines: l.line.map(line => ({
        function: functionById.get(line.function_id, `location ${l.id}`),
        line: line.line
      }))
    }
    locations[i] = loc
    locationById.add(l.id, loc)
  })

  const width = sampleTypes.length
  const samples: Sample[] = new Array(raw.sample.length)
  for (let i = 0; i < raw.sample.length; i++) {
    const s = raw.sample[i]
    const ids = s.location_id
    const stack: Location[] = new Array(ids.length)
    for (let j = 0; j < ids.length; j++) stack[j] = locationById.get(ids[j], `sample ${i}`)
    const values = s.value
    if (values.length !== width) {
      throw new ProfileError(
        source,
        `sample ${i} has ${values.length} values but the profile declares ${width} sample types`,
        REGENERATE_HINT
      )
    }
    for (let j = 0; j < width; j++) num(values[j], `sample ${i}`)
    samples[i] = {
      locations: stack,
      values,
      labels:
        s.label.length === 0 ? EMPTY_LABELS : s.label.map((lb, j) => resolveLabel(lb, j, i, str))
    }
  }

  return {
    sampleTypes,
    samples,
    locations,
    functions,
    periodType: raw.period_type
      ? {
          type: str(raw.period_type.type, 'period_type.type'),
          unit: str(raw.period_type.unit, 'period_type.unit')
        }
      : undefined,
    period: num(raw.period, 'period'),
    // A wall-clock timestamp (~1.8e18 ns) never fits 2^53; a float64 keeps
    // it to within a microsecond, which is all a timestamp is used for here.
    timeNanos: raw.time_nanos,
    durationNanos: num(raw.duration_nanos, 'duration_nanos'),
    defaultSampleType: str(raw.default_sample_type, 'default_sample_type'),
    comments: raw.comment.map((c, i) => str(c, `comment[${i}]`)),
    dropFrames: str(raw.drop_frames, 'drop_frames'),
    keepFrames: str(raw.keep_frames, 'keep_frames')
  }
}

function resolveLabel(
  lb: RawLabel,
  j: number,
  i: number,
  str: (index: number, field: string) => string
): Label {
  const field = `sample ${i} label ${j}`
  const label: Label = { key: str(lb.key, `${field} key`) }
  if (lb.str) label.str = str(lb.str, `${field} str`)
  if (lb.num) label.num = lb.num
  if (lb.num_unit) label.numUnit = str(lb.num_unit, `${field} num_unit`)
  return label
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
    if (id < 1 << 24) this.dense[id] = value
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
    return id < 1 << 24 ? this.dense[id] : this.sparse.get(id)
  }
}
