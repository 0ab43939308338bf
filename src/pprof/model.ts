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

/** One stack and its values, one value per sample type. */
export interface Sample {
  /** Leaf first. */
  locations: Location[]
  values: number[]
  labels: Label[]
}

/** A fully resolved profile. */
export interface Profile {
  sampleTypes: ValueType[]
  samples: Sample[]
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
