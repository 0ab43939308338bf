/**
 * The decoded profile, with every string-table index and every id already
 * resolved to a value or an object reference. Field meanings follow
 * google/pprof proto/profile.proto.
 */

/** A sample type or the period type, e.g. `cpu`/`nanoseconds`. */
export interface ValueType {
  type: string
  unit: string
}

/** A source-level function. */
export interface ProfileFunction {
  id: number
  name: string
  systemName: string
  filename: string
  startLine: number
}

/** One (possibly inlined) frame within a Location. */
export interface Line {
  function: ProfileFunction
  line: number
}

/**
 * A program counter. `lines[0]` is the innermost inlined function and the
 * last line is the physical function that owns the instruction.
 */
export interface Location {
  id: number
  /** Position of this location in Profile.locations (for array-indexed lookups). */
  index: number
  address: number
  lines: Line[]
  /** The mapping's file, used to name frames that have no symbols. */
  mappingFile: string
}

/** A label attached to a sample (string or numeric). */
export interface Label {
  key: string
  str?: string
  num?: number
  numUnit?: string
}

/**
 * All samples, stored as typed arrays rather than one object per sample:
 * a 20 MB profile holds ~700,000 samples, and per-sample objects cost over
 * 40× the file size in memory (docs/performance.md).
 */
export interface SampleTable {
  /** Number of samples. */
  count: number
  /** Values per sample; equals Profile.sampleTypes.length. */
  width: number
  /** values[i * width + t] is sample i's value for sample type t. */
  values: Float64Array
  /**
   * Sample i's stack is stacks[stackStart[i] .. stackStart[i + 1]), leaf
   * first; each entry is a position in Profile.locations.
   */
  stackStart: Uint32Array
  stacks: Uint32Array
  /** Labels of all samples, in one table (Go puts a `bytes` label on every heap sample). */
  labels: LabelTable
}

/**
 * Sample labels as parallel columns: label j belongs to sample sample[j].
 * `key`, `str` and `numUnit` index Profile-level `labelStrings` (0 = "").
 */
export interface LabelTable {
  count: number
  sample: Uint32Array
  key: Uint32Array
  str: Uint32Array
  num: Float64Array
  numUnit: Uint32Array
  /** The profile's string table, for the columns above. */
  strings: string[]
}

/** A fully resolved profile. */
export interface Profile {
  sampleTypes: ValueType[]
  samples: SampleTable
  locations: Location[]
  functions: ProfileFunction[]
  periodType: ValueType | undefined
  period: number
  /** Wall-clock start, Unix ns; approximate (float64), exact to ~1 µs. */
  timeNanos: number
  durationNanos: number
  /** Name of the default sample type, or "" when the profile does not set one. */
  defaultSampleType: string
  comments: string[]
  dropFrames: string
  keepFrames: string
}
