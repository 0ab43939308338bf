// flat/cum over object-shaped samples, with the rules of src/pprof/aggregate.ts
// (cum once per sample per function; flat to the leaf's innermost frame).
// Shared by the reference readers in this folder so they do identical work.
export function aggregateObjects(samples) {
  const flat = new Map()
  const cum = new Map()
  let total = 0
  for (const { stack, value } of samples) {
    total += value
    if (value === 0 || stack.length === 0) continue
    const seen = new Set()
    for (const frames of stack)
      for (const name of frames)
        if (!seen.has(name)) {
          seen.add(name)
          cum.set(name, (cum.get(name) ?? 0) + value)
        }
    const leaf = stack[0][0]
    flat.set(leaf, (flat.get(leaf) ?? 0) + value)
  }
  const functions = [...cum.keys()].map(name => ({
    name,
    flat: flat.get(name) ?? 0,
    cum: cum.get(name)
  }))
  functions.sort((a, b) => b.flat - a.flat || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { total, functions }
}
