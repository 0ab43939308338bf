/**
 * A regression accepted on purpose: a change that trades speed for
 * correctness must be mergeable without switching the gate off. A
 * maintainer adds the `accept-label` label to the pull request; the job
 * reads it from the API when it runs (never from a report a fork wrote),
 * and the judge lets the performance regressions through, keeping the
 * verdicts and saying which were accepted and by whose label. A shard that
 * did not report still fails: nothing was measured there to accept.
 */
import type { Comparison } from '../compare/model.js'

/** Who accepted the regressions: the label, and the login that added it (null when the API did not say). */
export interface Acceptance {
  label: string
  by: string | null
}

/** The gate's reasons a label cannot accept: what was not measured (docs/sharding.md). */
const unmeasured = (reason: string): boolean => /^shard .* did not report/.test(reason)

/** The comparison with its regressions accepted; unchanged when the gate passes or has nothing to accept. */
export function acceptRegressions(c: Comparison, acceptance: Acceptance): Comparison {
  if (!c.gate.fail) return c
  const accepted = c.gate.reasons.filter(r => !unmeasured(r))
  if (accepted.length === 0) return c
  const still = c.gate.reasons.filter(unmeasured)
  return {
    ...c,
    gate: { fail: still.length > 0, reasons: still },
    // Nothing blocks for performance any more; the verdicts stay as measured.
    benchmarks: c.benchmarks.map(b => {
      const { blocks, ...rest } = b
      void blocks
      return rest
    }),
    accepted: { label: acceptance.label, by: acceptance.by, reasons: accepted }
  }
}
