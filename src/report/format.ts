/** Human-readable values for reports: time, bytes and counts per op. */

/**
 * Scale a per-op value by its unit: 1234 ns/op → "1.23µs". Any other unit
 * (a custom `b.ReportMetric` one, untrusted) is printed after the number
 * through `escapeUnit`: the Markdown renderers pass escapeText.
 */
export function formatValue(
  value: number,
  unit: string,
  escapeUnit: (unit: string) => string = u => u
): string {
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
  return `${sig(value)} ${escapeUnit(unit)}`
}

function scaled(value: number, steps: [number, string][]): string {
  const abs = Math.abs(value)
  for (const [factor, suffix] of steps) if (abs >= factor) return `${sig(value / factor)}${suffix}`
  return `${sig(value)}${steps[steps.length - 1][1]}`
}

/** Four significant digits (whole numbers from 1000 up), no exponent for ordinary magnitudes. */
export function sig(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  if (Math.abs(x) >= 1000) return Math.round(x).toString()
  return String(Number(x.toPrecision(4)))
}

/** A median's 95% CI as benchstat prints it, " ±12%" (empty without a CI). */
export function formatCi(s: { median: number; ci?: { lo: number; hi: number } }): string {
  if (!s.ci || s.median === 0) return ''
  return ` ±${(100 * Math.max(s.ci.hi / s.median - 1, 1 - s.ci.lo / s.median)).toFixed(0)}%`
}

/** Signed per-op delta in the same unit: "+180ns". */
export function formatSignedValue(value: number, unit: string): string {
  const s = formatValue(Math.abs(value), unit)
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${s}`
}
