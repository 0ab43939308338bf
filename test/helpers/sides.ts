import type { Side } from '../../src/compare/input.js'

/** A loaded side of text input with ns/op samples per benchmark, in example.com/p (base: commit a…, else b…). */
export function nsSide(label: string, benches: Record<string, number[]>): Side {
  return {
    label,
    kind: 'text',
    benchmarks: Object.entries(benches).map(([name, ns]) => ({
      package: 'example.com/p',
      name,
      samples: { 'ns/op': ns }
    })),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {},
    environment: {
      commit: label === 'base' ? 'a'.repeat(40) : 'b'.repeat(40),
      ref: 'refs/heads/main'
    }
  }
}
