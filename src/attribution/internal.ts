/** Which frames are the runtime's own machinery, folded into their callers' self. */

/**
 * The runtime's own machinery — package runtime, runtime/..., the standard
 * library's internal/... (maps, bytealg, abi), and symbols with no package
 * (assembly such as aeshashbody) — whose cost a reader wants on the user
 * code that called it, not on a row of its own.
 */
export function isRuntimeInternal(name: string): boolean {
  const head = name.split(/[([]/, 1)[0]
  const slash = head.lastIndexOf('/')
  const dot = head.indexOf('.', slash + 1)
  // No package at all: an assembly or C symbol (aeshashbody, memeqbody) or an address.
  if (dot < 0) return true
  const pkg = head.slice(0, dot)
  return pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/')
}
