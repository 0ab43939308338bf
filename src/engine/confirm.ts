/**
 * Screening, then confirmation. The comparison against the baseline
 * artifact (made on main, on another runner, at another time) screens for
 * suspects; each suspect is then re-measured by interleaved A/B against
 * the merge-base on this runner, that benchmark only. What the A/B means
 * for the gate is the judge's call (judge.ts).
 */
import { compareSides } from '../compare/index.js'
import { loadSide } from '../compare/input.js'
import type { CompareOptions, Comparison, ConfirmationInfo, Screen } from '../compare/model.js'
import type { AbEvent, AbRunner, AbSettings } from '../ab/ab.js'
import { abOptions, AB_TEST } from '../judge/judge.js'
import { applyConfirmation, confirmationStands, suspectsOf } from '../judge/confirmation.js'
import { stopRule } from '../judge/sequential.js'
import { exactBenchPattern } from '../measure/select.js'
import { sourcesFor, type SourceLoader } from '../measure/sources.js'

/** How confirmation runs its A/B: everything but what it chooses itself (packages, bench, base). */
export type ConfirmSettings = Omit<
  AbSettings,
  'bench' | 'packages' | 'only' | 'base' | 'decide'
> & {
  /**
   * The revision to re-measure against; a function is only called when
   * there are suspects. Undefined: the work tree, told apart by sideFlags.
   */
  base?: string | (() => Promise<{ sha: string; label: string }>)
  /** Where the A/B's hot lines come from (the revisions it built); none without it. */
  sources?: SourceLoader
}

/**
 * Re-measure the screen's suspects with A/B and let the judge fold the
 * outcome into the comparison. Nothing runs when there are no suspects.
 * When the A/B cannot run (say the merge-base is not in the clone), the
 * screen's verdicts stand and the error is recorded: a failure to confirm
 * never lets a regression through silently.
 */
export async function confirmSuspects(
  runAb: AbRunner,
  screen: Screen,
  s: ConfirmSettings,
  opts: CompareOptions,
  onEvent: (e: AbEvent) => void = () => {}
): Promise<Comparison> {
  const suspects = suspectsOf(screen)
  const started = Date.now()
  const info = (extra: Partial<ConfirmationInfo>): ConfirmationInfo => ({
    base: { commit: '', ref: typeof s.base === 'string' ? s.base : '' },
    rounds: s.rounds,
    test: AB_TEST,
    suspects: suspects.length,
    confirmed: 0,
    elapsedMs: Date.now() - started,
    ...extra
  })
  if (suspects.length === 0) return confirmationStands(screen, info({}))
  let ab: Screen
  let label = ''
  try {
    const rev =
      typeof s.base === 'function'
        ? await s.base()
        : { sha: s.base, label: s.base ?? 'the work tree' }
    label = rev.label
    const { sources, ...settings } = s
    const abOpts = abOptions(opts, s.rounds)
    const { baseDir, headDir } = await runAb(
      {
        ...settings,
        // Each suspect stops once its rounds decide it (judge/sequential.ts).
        decide: stopRule(abOpts),
        // A suspect whose package cannot differ is cleared without rounds
        // (judge/confirmation.ts), unless every package is to be measured.
        select: s.select ?? 'changed',
        base: rev.sha,
        packages: ['./...'],
        only: new Set(suspects.map(b => b.package)),
        bench: exactBenchPattern(suspects.map(b => b.name))
      },
      onEvent
    )
    const [base, head] = await Promise.all([loadSide(baseDir), loadSide(headDir)])
    ab = compareSides(base, head, abOpts, await sourcesFor(sources, base, head))
  } catch (err) {
    return confirmationStands(screen, info({ error: (err as Error).message }))
  }
  return applyConfirmation(screen, ab, s.rounds, {
    base: { commit: ab.base.commit, ref: label },
    elapsedMs: Date.now() - started,
    benchtime: s.benchtime
  })
}
