/** Which frames are the runtime's own machinery, folded into their callers' self. */

/**
 * The runtime's own machinery — package runtime, runtime/..., the standard
 * library's internal/... (maps, bytealg, abi), and symbols with no package
 * (assembly such as aeshashbody) — whose cost a reader wants on the user
 * code that called it, not on a row of its own.
 */
export function isRuntimeInternal(name: string): boolean {
  // Indices only, no substrings: it runs once per function of a profile
  // that may hold hundreds of thousands.
  let end = name.length
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if (c === 0x28 || c === 0x5b) {
      end = i // '(' or '['
      break
    }
  }
  const slash = end > 0 ? name.lastIndexOf('/', end - 1) : -1
  const dot = name.indexOf('.', slash + 1)
  // No package at all: an assembly or C symbol (aeshashbody, memeqbody) or an address.
  if (dot < 0 || dot >= end) return true
  // The package is name[0, dot).
  return (
    (dot === 7 && name.startsWith('runtime')) ||
    name.startsWith('runtime/') ||
    name.startsWith('internal/')
  )
}
