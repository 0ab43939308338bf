/**
 * The resolving pass of the decoder: string-table indices and ids become
 * values and references, each one checked, in time linear in the input
 * whatever the id layout.
 */
import { ProfileError, REGENERATE_HINT } from './errors.js'
import type {
  LabelTable,
  Location,
  Profile,
  ProfileFunction,
  SampleTable,
  ValueType
} from './model.js'
import type { RawProfile } from './raw.js'

/** Turn indices and ids into values and references, checking each one. */
export function resolve(raw: RawProfile, source: string): Profile {
  const str = stringTable(raw, source)
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
  const { functions, locations } = resolveLocations(raw, source, str)
  const samples = resolveSamples(raw, source, sampleTypes.length, str)
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

/** A checked string-table lookup: index → string, or a ProfileError naming the field. */
type StringLookup = (index: number, field: string) => string

/** Check the profile's shape (string_table[0] is "", values fit 2^53) and return the lookup. */
function stringTable(raw: RawProfile, source: string): StringLookup {
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
  return (index, field) => {
    if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
      throw new ProfileError(
        source,
        `string index ${index} in ${field} is out of range (the string table has ${strings.length} entries)`,
        REGENERATE_HINT
      )
    }
    return strings[index]
  }
}

/** Functions, then locations with their lines pointing at them; every id checked. */
function resolveLocations(
  raw: RawProfile,
  source: string,
  str: StringLookup
): { functions: ProfileFunction[]; locations: Location[] } {
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
  return { functions, locations }
}

/** The sample table: values checked against the sample types, location ids turned into positions. */
function resolveSamples(
  raw: RawProfile,
  source: string,
  width: number,
  str: StringLookup
): SampleTable {
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
  resolveStacks(raw, source)
  return {
    count,
    width,
    values: raw.values.trimmed(),
    stackStart: raw.stackStart.trimmed(),
    stacks: raw.stacks.trimmed(),
    labels: resolveLabels(raw, str)
  }
}

/**
 * Location ids to positions, in place. Go numbers locations 1..n, so a
 * dense table is the common case; anything sparser uses the id index.
 * Either way each stack entry costs O(1): the sample an entry belongs to
 * (for messages) advances with the entry, never rescanned from the start.
 */
function resolveStacks(raw: RawProfile, source: string): void {
  const positionById = new IdIndex<number>('location', source)
  raw.locations.forEach((l, i) => positionById.add(l.id, i))
  const stacks = raw.stacks.data
  const stackStart = raw.stackStart.data
  const maxId = raw.locations.reduce((m, l) => Math.max(m, l.id), 0)
  const dense =
    maxId <= 4 * raw.locations.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : undefined
  if (dense) raw.locations.forEach((l, i) => (dense[l.id] = i))
  let sample = 0
  for (let k = 0; k < raw.stacks.length; k++) {
    const id = stacks[k]
    const position = dense && id <= maxId ? dense[id] : -1
    if (position >= 0) {
      stacks[k] = position
      continue
    }
    while (stackStart[sample + 1] <= k) sample++
    stacks[k] = positionById.get(id, `sample ${sample}`)
  }
}

/** Label columns, with every string index checked. */
function resolveLabels(raw: RawProfile, str: StringLookup): LabelTable {
  const lb = raw.labels
  for (const [column, name] of [
    [lb.key, 'key'],
    [lb.str, 'str'],
    [lb.numUnit, 'num_unit']
  ] as const) {
    for (let j = 0; j < column.length; j++)
      str(column.data[j], `sample ${lb.sample.data[j]} label ${name}`)
  }
  return {
    count: lb.sample.length,
    sample: lb.sample.trimmed(),
    key: lb.key.trimmed(),
    str: lb.str.trimmed(),
    num: lb.num.trimmed(),
    numUnit: lb.numUnit.trimmed(),
    strings: raw.strings
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
