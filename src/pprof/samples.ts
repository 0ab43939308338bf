import type { Label, Location, Profile } from './model.js'

/** Sample i's stack as Location objects, leaf first. */
export function sampleStack(profile: Profile, i: number): Location[] {
  const { stackStart, stacks } = profile.samples
  const out: Location[] = []
  for (let k = stackStart[i]; k < stackStart[i + 1]; k++) out.push(profile.locations[stacks[k]])
  return out
}

/** Sample i's values, one per sample type. */
export function sampleValues(profile: Profile, i: number): number[] {
  const { width, values } = profile.samples
  return Array.from(values.subarray(i * width, (i + 1) * width))
}

/** Sample i's labels (a linear scan: for inspection, not hot loops). */
export function sampleLabels(profile: Profile, i: number): Label[] {
  const t = profile.samples.labels
  const out: Label[] = []
  for (let j = 0; j < t.count; j++) {
    if (t.sample[j] !== i) continue
    const label: Label = { key: t.strings[t.key[j]] }
    if (t.str[j]) label.str = t.strings[t.str[j]]
    if (t.num[j]) label.num = t.num[j]
    if (t.numUnit[j]) label.numUnit = t.strings[t.numUnit[j]]
    out.push(label)
  }
  return out
}
