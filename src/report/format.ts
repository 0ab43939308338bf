/** Human-readable values for reports: time, bytes and counts per op. */

/** Scale a per-op value by its unit: 1234 ns/op → "1.23µs". */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value)
  if (unit === 'ns/op')
    return scaled(value, [
      [1e9, 's'],
      [1e6, 'ms'],
      [1e3, 'µs'],
      [1, 'ns']
    ])
  if (unit === 'B/op')
    return scaled(value, [
      [2 ** 30, 'GiB'],
      [2 ** 20, 'MiB'],
      [2 ** 10, 'KiB'],
      [1, 'B']
    ])
  if (unit === 'allocs/op') return sig(value)
  return `${sig(value)} ${unit}`
}

function scaled(value: number, steps: [number, string][]): string {
  const abs = Math.abs(value)
  for (const [factor, suffix] of steps) if (abs >= factor) return `${sig(value / factor)}${suffix}`
  return `${sig(value)}${steps[steps.length - 1][1]}`
}

/** Four significant digits, no exponent for ordinary magnitudes. */
export function sig(x: number): string {
  if (x === 0) return '0'
  if (Math.abs(x) >= 1e4) return Math.round(x).toLocaleString('en-US').replace(/,/g, '')
  return String(Number(x.toPrecision(4)))
}

/** Signed per-op delta in the same unit: "+180ns". */
export function formatSignedValue(value: number, unit: string): string {
  const s = formatValue(Math.abs(value), unit)
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${s}`
}
