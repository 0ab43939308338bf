// Turn the harness's trial records into the tables of docs/verdict-quality.md.

/** Wilson 95% interval of k successes in n, as percentages. */
function wilson(k, n) {
  if (n === 0) return [0, 100]
  const z = 1.96
  const p = k / n
  const d = 1 + (z * z) / n
  const c = (p + (z * z) / (2 * n)) / d
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d
  return [Math.max(0, c - h) * 100, Math.min(1, c + h) * 100]
}

const pct = (k, n) => {
  if (n === 0) return '–'
  const [lo, hi] = wilson(k, n)
  return `${((100 * k) / n).toFixed(1)}% (${k}/${n}; ${lo.toFixed(1)}–${hi.toFixed(1)})`
}

// Which timings make up a mode's PR-job time and its measured time.
const SEQ = { job: t => t.ms.seqHead, all: t => t.ms.seqBase + t.ms.seqHead }
const AB = { job: t => t.ms.ab, all: t => t.ms.ab }
const CONFIRM = {
  job: t => t.ms.seqHead + t.ms.confirm,
  all: t => t.ms.seqBase + t.ms.seqHead + t.ms.confirm
}
const DUET = {
  job: t => t.ms.seqHead + t.ms.duet,
  all: t => t.ms.seqBase + t.ms.seqHead + t.ms.duet
}
/** Which trials carry a mode's calls (older records lack the duet ones). */
const has = key => t => t[key] != null

/** Every mode: how to read a trial's call for function f, and its timings. */
export const MODES = [
  {
    name: 'sequential, U test only (benchstat)',
    flagged: (t, f) => t.seqU[f]?.flagged,
    has: has('seqU'),
    ...SEQ
  },
  {
    name: 'sequential, U test + 5% threshold (gate: baseline before D3 changed)',
    flagged: (t, f) => t.seqUThr[f]?.flagged,
    has: has('seqUThr'),
    ...SEQ
  },
  {
    name: "sequential, Welch's t on logs + U guard + 5% (gate: baseline)",
    flagged: (t, f) => t.seqWelch[f]?.flagged,
    has: has('seqWelch'),
    ...SEQ
  },
  {
    name: 'interleaved A/B, U test + 2.5% (gate: ab)',
    flagged: (t, f) => t.ab.u[f]?.flagged,
    has: has('ab'),
    ...AB
  },
  {
    name: 'interleaved A/B, Wilcoxon + 2.5%',
    flagged: (t, f) => t.ab.w[f]?.flagged,
    has: has('ab'),
    ...AB
  },
  {
    name: 'interleaved A/B, U test + 5%',
    flagged: (t, f) => t.ab.u5[f]?.flagged,
    has: has('ab'),
    ...AB
  },
  {
    name: 'screen + confirmation as the CLI judges it (gate: confirmed)',
    flagged: (t, f) => t.confirm.cli[f]?.flagged,
    has: has('confirm'),
    ...CONFIRM
  },
  {
    name: 'screen + confirmation, Wilcoxon + 2.5%',
    flagged: (t, f) => t.suspects.includes(f) && t.confirm.w?.[f]?.flagged,
    has: has('confirm'),
    ...CONFIRM
  },
  {
    name: 'screen + confirmation, U test + 5%',
    flagged: (t, f) => t.suspects.includes(f) && t.confirm.u5?.[f]?.flagged,
    has: has('confirm'),
    ...CONFIRM
  },
  {
    name: 'screen + duet confirmation, U test + 2.5%',
    flagged: (t, f) => t.duet.cli[f]?.flagged,
    has: has('duet'),
    ...DUET
  },
  {
    name: 'screen + duet confirmation, Wilcoxon + 2.5%',
    flagged: (t, f) => t.suspects.includes(f) && t.duet.w?.[f]?.flagged,
    has: has('duet'),
    ...DUET
  }
]

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** The share of level-l benchmarks a mode called a regression, as a table cell. */
function rate(trials, mode, l) {
  let k = 0
  let n = 0
  for (const t of trials)
    for (const [f, lv] of Object.entries(t.levels))
      if (lv === l) {
        n++
        if (mode.flagged(t, f)) k++
      }
  return pct(k, n)
}

/** Median of the Δ a source measured for level-l benchmarks (null when it measured none). */
function medianDelta(trials, l, source) {
  const xs = []
  for (const t of trials)
    for (const [f, lv] of Object.entries(t.levels)) {
      const d = lv === l ? source(t, f) : null
      if (d != null) xs.push(d)
    }
  return xs.length === 0 ? '–' : `${median(xs).toFixed(2)}% (${xs.length})`
}

const DELTAS = [
  ['A/B (gate ab)', (t, f) => t.ab?.u[f]?.delta],
  ['sequentially', (t, f) => t.seqU[f]?.delta],
  ['ABBA confirmation', (t, f) => t.confirm?.cli[f]?.confirmation?.delta],
  ['duet confirmation', (t, f) => t.duet?.cli[f]?.confirmation?.delta]
]

/** One condition's tables: a row per mode, the measured Δ per level, what confirmation re-ran. */
function conditionTables(trials, levels) {
  const injected = levels.filter(l => l > 0)
  const lines = [
    `| mode | false alarms (0%) | ${injected.map(l => `detected ${l}%`).join(' | ')} | PR-job time / trial | measured time / trial |`,
    `| --- | --- | ${injected.map(() => '---').join(' | ')} | --- | --- |`
  ]
  for (const m of MODES) {
    const ts = trials.filter(m.has)
    if (ts.length === 0) continue
    lines.push(
      `| ${m.name} | ${levels.map(l => rate(ts, m, l)).join(' | ')} | ${(median(ts.map(m.job)) / 1000).toFixed(1)} s | ${(median(ts.map(m.all)) / 1000).toFixed(1)} s |`
    )
  }
  // How big the injected slowdowns really were, by each way of measuring
  // (the confirmations measure their suspects only; the count is in brackets).
  const sources = DELTAS.filter(([, get]) =>
    trials.some(t => levels.some(l => get(t, fOf(t, l)) != null))
  )
  lines.push(
    '',
    `| injected | ${sources.map(([n]) => `median Δ, ${n}`).join(' | ')} |`,
    `| --- | ${sources.map(() => '---').join(' | ')} |`
  )
  for (const l of levels)
    lines.push(`| ${l}% | ${sources.map(([, get]) => medianDelta(trials, l, get)).join(' | ')} |`)
  const suspects = trials.map(t => t.suspects.length)
  // What the suspects' extra rounds alone should cost: per benchmark run,
  // the sequential head run's time / (count × benchmarks).
  const withConfirm = trials.filter(t => t.confirm != null)
  const overhead = withConfirm
    .filter(t => t.suspects.length > 0)
    .map(t => {
      const perRun = t.ms.seqHead / (t.settings.count * Object.keys(t.levels).length)
      return t.ms.confirm - t.suspects.length * 2 * t.settings.confirmRounds * perRun
    })
  const extra = withConfirm.reduce(
    (a, t) => a + t.reran.filter(f => !t.suspects.includes(f)).length,
    0
  )
  const missed = withConfirm.reduce(
    (a, t) => a + t.suspects.filter(f => !t.reran.includes(f)).length,
    0
  )
  lines.push(
    '',
    `Confirmation re-ran ${suspects.reduce((a, b) => a + b, 0)} suspects in ${trials.length} trials (median ${median(suspects)} per trial; ${trials.filter(t => t.suspects.length === 0).length} trials had none and ran nothing).` +
      (withConfirm.length === 0
        ? ''
        : ` Benchmarks re-run that were not suspects: ${extra}; suspects not re-run: ${missed}. Median ABBA confirmation time beyond the suspects' own rounds (worktree, two \`go test -c\` builds, process starts, compare): ${(Math.round(median(overhead) / 100) / 10 || 0).toFixed(1)} s.`)
  )
  return lines
}

/** Some function at level l in trial t (every trial has one of each level). */
const fOf = (t, l) => Object.entries(t.levels).find(([, lv]) => lv === l)?.[0]

/** Markdown: settings, then per condition one row per mode and the measured size of each injected level. */
export function summarize(trials, { machine }) {
  if (trials.length === 0) return '_No trials recorded._'
  const levels = [...new Set(trials.flatMap(t => Object.values(t.levels)))].sort((a, b) => a - b)
  const s = trials[0].settings
  const lines = [
    `Machine: ${machine}. ${trials.length} trials; count ${s.count} per side (sequential) = ${s.count} interleaved rounds; ${s.confirmRounds} ABBA confirmation rounds${s.duetRounds ? `, ${s.duetRounds} duet confirmation rounds` : ''}; benchtime ${s.benchtime}. Rates are per benchmark comparison, with Wilson 95% intervals.`
  ]
  const byCondition = Map.groupBy
    ? Map.groupBy(trials, t => t.condition ?? 'quiet')
    : trials.reduce((m, t) => {
        const c = t.condition ?? 'quiet'
        return m.set(c, [...(m.get(c) ?? []), t])
      }, new Map())
  for (const [condition, ts] of byCondition) {
    const hog = ts.filter(t => t.hog)
    const duty =
      hog.reduce((a, t) => a + t.hog.on, 0) / hog.reduce((a, t) => a + t.hog.on + t.hog.off, 0)
    lines.push(
      '',
      byCondition.size === 1 && condition === 'quiet'
        ? `Quiet machine, ${ts.length} trials:`
        : condition === 'quiet'
          ? `**Quiet** machine, ${ts.length} trials:`
          : `**Noisy neighbour**, ${ts.length} trials (the hog was on ${(100 * duty).toFixed(0)}% of the time):`,
      '',
      ...conditionTables(ts, levels)
    )
  }
  return lines.join('\n')
}
