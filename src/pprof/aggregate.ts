import { ProfileError } from './errors.js'
import type { Location, Profile, ProfileFunction } from './model.js'
import { pprofFunctionName } from './names.js'

/** flat and cum of one function, in the sample type's unit. */
export interface FunctionCost {
  name: string
  flat: number
  cum: number
}

/** The result of aggregating one sample type at function granularity. */
export interface FunctionTable {
  sampleType: string
  unit: string
  /** Sum of the chosen value over all samples. */
  total: number
  /** Functions with flat or cum ≠ 0, sorted by flat descending, then name. */
  functions: FunctionCost[]
}

/**
 * Choose a sample type by name (or numeric index, as pprof's -sample_index
 * allows). Without a name: the profile's default_sample_type, else the last
 * type, matching pprof.
 */
export function sampleTypeIndex(
  profile: Profile,
  name: string | undefined,
  source: string
): number {
  const types = profile.sampleTypes
  const wanted = name ?? (profile.defaultSampleType || undefined)
  if (wanted === undefined) return types.length - 1
  const byName = types.findIndex(t => t.type === wanted)
  if (byName >= 0) return byName
  if (name !== undefined && /^\d+$/.test(name) && Number(name) < types.length) return Number(name)
  throw new ProfileError(
    source,
    `has no sample type "${wanted}"`,
    `Available sample types: ${types.map(t => t.type).join(', ')}`
  )
}

/**
 * The name of the node a frame belongs to at pprof's `functions` granularity:
 * the function name alone, as pprof simplifies it (names.ts); pprof clears
 * file, line and address before building nodes. A location without symbols
 * is named by its mapping.
 */
function frameName(
  fn: ProfileFunction | undefined,
  loc: Location,
  cache: Map<ProfileFunction, string>
): string {
  if (fn) {
    let name = cache.get(fn)
    if (name === undefined) {
      name = pprofFunctionName(fn)
      cache.set(fn, name)
    }
    if (name !== '') return name
  }
  return loc.mappingFile !== '' ? `<unknown in ${loc.mappingFile}>` : '<unknown>'
}

/**
 * Per-location list of node indices, innermost inlined frame first. Computed
 * once per location so the per-sample loop only walks small integer arrays.
 */
export interface FrameIndex {
  names: string[]
  /** Source file and start line of each node's function (first seen), "" / 0 when unknown. */
  files: string[]
  startLines: number[]
  /** frames[location.index]: node indices, innermost inlined frame first. */
  frames: Int32Array[]
}

/**
 * Build the name table and per-location frame lists for a profile. With
 * `rename`, frames whose renamed names agree share one node, so their flat
 * and cum merge and cum still counts once per sample (attribution uses
 * goTracebackName; `top` renames nothing, to equal pprof).
 */
export function indexFrames(profile: Profile, rename?: (name: string) => string): FrameIndex {
  const ids = new Map<string, number>()
  const names: string[] = []
  const files: string[] = []
  const startLines: number[] = []
  const nodeOf = (raw: string, fn?: ProfileFunction): number => {
    const name = rename ? rename(raw) : raw
    let id = ids.get(name)
    if (id === undefined) {
      id = names.length
      ids.set(name, id)
      names.push(name)
      files.push(fn?.filename ?? '')
      startLines.push(fn?.startLine ?? 0)
    }
    return id
  }
  const cache = new Map<ProfileFunction, string>()
  const frames: Int32Array[] = new Array(profile.locations.length)
  profile.locations.forEach((loc, i) => {
    if (loc.lines.length === 0) {
      frames[i] = Int32Array.of(nodeOf(frameName(undefined, loc, cache)))
      return
    }
    const f = new Int32Array(loc.lines.length)
    for (let j = 0; j < loc.lines.length; j++)
      f[j] = nodeOf(frameName(loc.lines[j].function, loc, cache), loc.lines[j].function)
    frames[i] = f
  })
  return { names, files, startLines, frames }
}

/** flat and cum per node, summed separately for each bucket of samples. */
export interface Accumulated {
  /** flat[bucket][node] and cum[bucket][node], in the sample type's unit. */
  flat: Float64Array[]
  cum: Float64Array[]
  /** Sum of the value over each bucket's samples. */
  totals: Float64Array
  /** Sum over all samples, including those in no bucket. */
  total: number
  /** Sum over samples that bucketOf put in no bucket (-1). */
  unbucketed: number
  /** With `folded`: each sample's value on its leaf-most frame that is not folded. */
  self?: Float64Array[]
}

/**
 * The one stack walk behind `top` and per-benchmark attribution, with
 * pprof's rules (internal/graph newGraph): every frame of every location on
 * the stack, inlined ones included, adds the sample's value to that
 * function's cum at most once per sample, so recursion is counted once;
 * flat goes to line[0] of location_id[0], the innermost frame of the leaf.
 * `bucketOf` sends a sample (index, stack range) to a bucket, or to none
 * with -1; it is called only for samples with a non-zero value.
 */
export function accumulate(
  profile: Profile,
  valueIndex: number,
  index: FrameIndex,
  buckets: number,
  bucketOf: (sample: number, from: number, to: number) => number,
  /** Nodes whose cost goes to their nearest caller that is not folded (1 = folded). */
  folded?: Uint8Array
): Accumulated {
  const n = index.names.length
  const self = folded ? Array.from({ length: buckets }, () => new Float64Array(n)) : undefined
  const flat = Array.from({ length: buckets }, () => new Float64Array(n))
  const cum = Array.from({ length: buckets }, () => new Float64Array(n))
  const totals = new Float64Array(buckets)
  const seen = new Int32Array(n).fill(-1)
  let total = 0
  let unbucketed = 0
  const { count, width, values, stackStart, stacks } = profile.samples
  const frames = index.frames
  for (let s = 0; s < count; s++) {
    const v = values[s * width + valueIndex]
    total += v
    if (v === 0) continue
    const from = stackStart[s]
    const to = stackStart[s + 1]
    const b = bucketOf(s, from, to)
    if (b < 0) {
      unbucketed += v
      continue
    }
    totals[b] += v
    if (from === to) continue
    const c = cum[b]
    for (let k = from; k < to; k++) {
      const f = frames[stacks[k]]
      for (let j = 0; j < f.length; j++) {
        const node = f[j]
        if (seen[node] !== s) {
          seen[node] = s
          c[node] += v
        }
      }
    }
    flat[b][frames[stacks[from]][0]] += v
    if (self && folded) selfOf(self[b], folded, frames, stacks, from, to, v)
  }
  return self
    ? { flat, cum, totals, total, unbucketed, self }
    : { flat, cum, totals, total, unbucketed }
}

/** Add v to the leaf-most frame of a stack that is not folded (none if all are). */
function selfOf(
  self: Float64Array,
  folded: Uint8Array,
  frames: Int32Array[],
  stacks: ArrayLike<number>,
  from: number,
  to: number,
  v: number
): void {
  for (let k = from; k < to; k++) {
    const f = frames[stacks[k]]
    for (let j = 0; j < f.length; j++) {
      if (folded[f[j]] === 0) {
        self[f[j]] += v
        return
      }
    }
  }
}

/** flat and cum per function for one sample type, as `go tool pprof -top` computes them. */
export function aggregate(
  profile: Profile,
  options: { sampleType?: string; source?: string } = {}
): FunctionTable {
  const vi = sampleTypeIndex(profile, options.sampleType, options.source ?? '<profile>')
  const index = indexFrames(profile)
  const acc = accumulate(profile, vi, index, 1, () => 0)
  const [flat, cum] = [acc.flat[0], acc.cum[0]]
  const functions: FunctionCost[] = []
  for (let i = 0; i < index.names.length; i++) {
    if (flat[i] !== 0 || cum[i] !== 0)
      functions.push({ name: index.names[i], flat: flat[i], cum: cum[i] })
  }
  functions.sort(byFlatThenName)
  const type = profile.sampleTypes[vi]
  return { sampleType: type.type, unit: type.unit, total: acc.total, functions }
}

/** Sort order of `top`: flat descending, then name ascending. */
export function byFlatThenName(a: FunctionCost, b: FunctionCost): number {
  return b.flat - a.flat || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}
