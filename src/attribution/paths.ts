/**
 * Call paths: for each function that owns a benchmark's cost (its `self`,
 * attribution/index.ts), the heaviest path from the benchmark's own frame
 * down to it, through the frames that are not runtime internals. The
 * comparison shows it for the top culprit, so a reviewer sees where in the
 * call graph the cost went.
 */
import type { FrameIndex, Profile } from '../pprof/index.js'

/** Deepest path kept, in frames; a deeper one keeps the frames nearest its owner. */
export const MAX_PATH_FRAMES = 24

/**
 * Per group: owner function name → its heaviest path (names, the
 * benchmark's frame first, the owner last). `nodeGroup[n]` is the group a
 * benchmark frame starts, or -1; `folded[n]` is 1 for runtime internals.
 */
export function heaviestPaths(
  profile: Profile,
  valueIndex: number,
  index: FrameIndex,
  nodeGroup: Int32Array,
  folded: Uint8Array
): Map<number, Map<string, string[]>> {
  const { count, width, values, stackStart, stacks } = profile.samples
  const weight = new Map<number, Map<string, number>>()
  const nodes: number[] = []
  for (let s = 0; s < count; s++) {
    const v = values[s * width + valueIndex]
    if (v === 0) continue
    // The stack's frames, leaf first, without internals.
    nodes.length = 0
    let group = -1
    for (let k = stackStart[s]; k < stackStart[s + 1] && group < 0; k++) {
      const f = index.frames[stacks[k]]
      for (let j = 0; j < f.length; j++) {
        if (folded[f[j]] === 0) nodes.push(f[j])
        if (nodeGroup[f[j]] >= 0) {
          group = nodeGroup[f[j]]
          break
        }
      }
    }
    if (group < 0 || nodes.length === 0) continue
    const path = nodes.slice(0, MAX_PATH_FRAMES).reverse()
    const key = path.join(',')
    const g = weight.get(group) ?? weight.set(group, new Map()).get(group)!
    g.set(key, (g.get(key) ?? 0) + v)
  }
  const out = new Map<number, Map<string, string[]>>()
  for (const [group, paths] of weight) {
    const best = new Map<number, { value: number; key: string }>()
    for (const [key, value] of paths) {
      const owner = Number(key.slice(key.lastIndexOf(',') + 1))
      const b = best.get(owner)
      if (!b || value > b.value || (value === b.value && key < b.key))
        best.set(owner, { value, key })
    }
    const named = new Map<string, string[]>()
    for (const [owner, { key }] of best)
      named.set(
        index.names[owner],
        key.split(',').map(n => index.names[Number(n)])
      )
    out.set(group, named)
  }
  return out
}
