/**
 * Differential flame graphs: every stack of a benchmark on both sides,
 * merged by call path, in per-op cost. A sample belongs to the benchmark
 * frame nearest its leaf (as groupTables decides), and its path starts at
 * that frame, so the testing harness above it is left out. Two plain
 * profiles have one root, `total`.
 */
import {
  accumulate,
  goTracebackName,
  indexFrames,
  sampleTypeIndex,
  type FrameIndex,
  type Profile
} from '../pprof/index.js'
import { benchmarkGroup, samplePeriod, type PerOpCost } from './index.js'
import { isRuntimeInternal } from './internal.js'
import { pushAll } from '../data/index.js'

/** One frame of a differential flame graph: per-op cost on each side, cum and own (flat). */
export interface FlameNode {
  name: string
  base: number
  head: number
  baseSelf: number
  headSelf: number
  /**
   * Own cost as the ranking counts it (self): flat plus the flat of the
   * runtime internals below it, up to the next frame of user code. What
   * colours the frame, so `cloneWord` is red for the allocator work it causes.
   */
  baseOwn: number
  headOwn: number
  children: FlameNode[]
}

/** One side's call tree, as a trie of frame names. */
interface Trie {
  name: string
  value: number
  self: number
  children: Map<string, Trie>
}

const trie = (name: string): Trie => ({ name, value: 0, self: 0, children: new Map() })

/**
 * The `total` group of callTrees without its frames: the sum of the
 * samples' values. What a caller that prints only the ranked tables
 * (`benchgate diff`) needs of the tree; a profile of 300,000 functions
 * makes a call tree of hundreds of megabytes.
 */
export function totalTree(
  profile: Profile,
  sampleType: string | undefined,
  source: string
): Map<string, Trie> {
  const vi = sampleTypeIndex(profile, sampleType, source)
  const { count, width, values } = profile.samples
  const root = trie('total')
  for (let s = 0; s < count; s++) root.value += values[s * width + vi]
  return new Map([['total', root]])
}

/**
 * Per group, the call tree of one profile's samples in the sample type's
 * raw unit. With `importPath`, groups are the package's benchmark functions;
 * without it, every sample is in the one group `total`.
 */
export function callTrees(
  profile: Profile,
  sampleType: string | undefined,
  source: string,
  importPath?: string,
  /** Samples to leave out, by their stack (the contention pass's harness waits). */
  skip?: (
    names: readonly string[],
    frames: FrameIndex['frames'],
    stack: ArrayLike<number>,
    from: number,
    to: number
  ) => boolean
): Map<string, Trie> {
  const vi = sampleTypeIndex(profile, sampleType, source)
  const index = indexFrames(profile, goTracebackName)
  const group = index.names.map(n => (importPath ? benchmarkGroup(n, importPath) : undefined))
  const out = new Map<string, Trie>()
  const { count, width, values, stackStart, stacks } = profile.samples
  const path: number[] = []
  for (let s = 0; s < count; s++) {
    const v = values[s * width + vi]
    if (v === 0) continue
    if (skip?.(index.names, index.frames, stacks, stackStart[s], stackStart[s + 1])) continue
    // Frames leaf first, cut at the benchmark frame nearest the leaf.
    path.length = 0
    let root: string | undefined = importPath ? undefined : 'total'
    for (let k = stackStart[s]; k < stackStart[s + 1] && root === undefined; k++) {
      const f = index.frames[stacks[k]]
      for (let j = 0; j < f.length; j++) {
        path.push(f[j])
        const g = group[f[j]]
        if (g !== undefined) {
          root = g
          break
        }
      }
    }
    if (root === undefined) continue
    if (!importPath)
      for (let k = stackStart[s]; k < stackStart[s + 1]; k++) pushAll(path, index.frames[stacks[k]])
    let node = out.get(root) ?? out.set(root, trie(root)).get(root)!
    node.value += v
    // A benchmark's path starts at its own frame, which is the root. Past
    // MAX_FLAME_DEPTH frames (a forged profile) the rest is the last
    // frame's own cost, so no walk of the tree recurses without bound.
    const from = importPath ? path.length - 2 : path.length - 1
    const to = Math.max(0, from - MAX_FLAME_DEPTH + 1)
    for (let i = from; i >= to; i--) {
      const name = index.names[path[i]]
      node = node.children.get(name) ?? node.children.set(name, trie(name)).get(name)!
      node.value += v
    }
    node.self += v
  }
  return out
}

/**
 * Merge one group's trees of the two sides into one differential tree,
 * each side scaled to per-op cost (or any common unit).
 */
export function diffTree(
  base: Trie | undefined,
  head: Trie | undefined,
  baseScale: number,
  headScale: number
): FlameNode {
  const name = head?.name ?? base?.name ?? 'total'
  const node: FlameNode = {
    name,
    base: (base?.value ?? 0) * baseScale,
    head: (head?.value ?? 0) * headScale,
    baseSelf: (base?.self ?? 0) * baseScale,
    headSelf: (head?.self ?? 0) * headScale,
    baseOwn: 0,
    headOwn: 0,
    children: []
  }
  const names = new Set([...(base?.children.keys() ?? []), ...(head?.children.keys() ?? [])])
  for (const n of names)
    node.children.push(diffTree(base?.children.get(n), head?.children.get(n), baseScale, headScale))
  // Own cost: flat, plus what runtime-internal children own.
  node.baseOwn = node.baseSelf
  node.headOwn = node.headSelf
  for (const ch of node.children)
    if (isRuntimeInternal(ch.name)) {
      node.baseOwn += ch.baseOwn
      node.headOwn += ch.headOwn
    }
  node.children.sort(
    (a, b) => Math.max(b.base, b.head) - Math.max(a.base, a.head) || (a.name < b.name ? -1 : 1)
  )
  return node
}

/** The deepest path a graph draws, in frames below its root (Go's own stacks stop at 128). */
export const MAX_FLAME_DEPTH = 512

/** How many frames a graph keeps at most; smaller ones are merged, and the page says so. */
export const MAX_FLAME_NODES = 30_000

/**
 * Merge the frames too small to see into one `…` frame per parent, so a
 * graph stays at most `max` frames: a frame is kept when its larger side
 * is at least `fraction` of the root's, and the fraction grows until the
 * tree fits. Returns how many frames were merged.
 */
export function pruneTree(root: FlameNode, max = MAX_FLAME_NODES): number {
  const total = Math.max(root.base, root.head)
  let fraction = 1e-5
  while (countAbove(root, total * fraction) > max) fraction *= 2
  return mergeBelow(root, total * fraction)
}

function countAbove(n: FlameNode, min: number): number {
  let c = 1
  for (const ch of n.children) if (Math.max(ch.base, ch.head) >= min) c += countAbove(ch, min)
  return c
}

function mergeBelow(n: FlameNode, min: number): number {
  const kept: FlameNode[] = []
  const small: FlameNode = {
    name: '…',
    base: 0,
    head: 0,
    baseSelf: 0,
    headSelf: 0,
    baseOwn: 0,
    headOwn: 0,
    children: []
  }
  let merged = 0
  let here = 0
  for (const ch of n.children) {
    if (Math.max(ch.base, ch.head) >= min) {
      merged += mergeBelow(ch, min)
      kept.push(ch)
    } else {
      small.base += ch.base
      small.head += ch.head
      small.baseSelf += ch.base
      small.headSelf += ch.head
      small.baseOwn += ch.base
      small.headOwn += ch.head
      here += frameCount(ch)
    }
  }
  if (here > 0) kept.push(small)
  n.children = kept
  return merged + here
}

/** How many frames a tree has, its root included. */
export function frameCount(n: FlameNode): number {
  let c = 1
  for (const ch of n.children) c += frameCount(ch)
  return c
}

/**
 * Every function of a whole profile (two plain profiles have no benchmark
 * groups): flat, cum and self (runtime internals folded into their
 * callers) times `scale`, and the profile's total and one sample's value
 * in the same unit, for the noise test.
 */
export function profileCosts(
  profile: Profile,
  sampleType: string | undefined,
  source: string,
  scale = 1
): { functions: PerOpCost[]; sampling: { total: number; sample?: number }; unit: string } {
  const vi = sampleTypeIndex(profile, sampleType, source)
  const index = indexFrames(profile, goTracebackName)
  const folded = Uint8Array.from(index.names, n => (isRuntimeInternal(n) ? 1 : 0))
  const acc = accumulate(profile, vi, index, 1, () => 0, folded)
  const functions: PerOpCost[] = []
  index.names.forEach((name, i) => {
    if (acc.flat[0][i] !== 0 || acc.cum[0][i] !== 0 || acc.self![0][i] !== 0)
      functions.push({
        name,
        flat: acc.flat[0][i] * scale,
        cum: acc.cum[0][i] * scale,
        self: acc.self![0][i] * scale
      })
  })
  const st = profile.sampleTypes[vi]
  const period = samplePeriod(profile, vi)
  const sample = period === undefined ? undefined : period * scale
  const sampling =
    sample === undefined ? { total: acc.total * scale } : { total: acc.total * scale, sample }
  return { functions, sampling, unit: st.unit }
}
