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

/** Every mode: how to read a trial's call for function f, and its timings. */
export const MODES = [
  {
    name: 'sequential, U test only (benchstat)',
    flagged: (t, f) => t.seqU[f]?.flagged,
    ...SEQ
  },
  {
    name: 'sequential, U test + 5% threshold (gate: baseline)',
    flagged: (t, f) => t.seqUThr[f]?.flagged,
    ...SEQ
  },
  {
    name: 'interleaved A/B, U test + 2.5% (gate: ab)',
    flagged: (t, f) => t.ab.u[f]?.flagged,
    ...AB
  },
  {
    name: 'interleaved A/B, Wilcoxon + 2.5%',
    flagged: (t, f) => t.ab.w[f]?.flagged,
    ...AB
  },
  {
    name: 'interleaved A/B, U test + 5%',
    flagged: (t, f) => t.ab.u5[f]?.flagged,
    ...AB
  },
  {
    name: 'screen + confirmation, U test + 2.5% (gate: confirmed)',
    flagged: (t, f) => t.confirm.cli[f]?.flagged,
    ...CONFIRM
  },
  {
    name: 'screen + confirmation, Wilcoxon + 2.5%',
    flagged: (t, f) => t.suspects.includes(f) && t.confirm.w?.[f]?.flagged,
    ...CONFIRM
  },
  {
    name: 'screen + confirmation, U test + 5%',
    flagged: (t, f) => t.suspects.includes(f) && t.confirm.u5?.[f]?.flagged,
    ...CONFIRM
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

/** Markdown: settings, one row per mode, and the measured size of each injected level. */
export function summarize(trials, { machine }) {
  if (trials.length === 0) return '_No trials recorded._'
  const levels = [...new Set(trials.flatMap(t => Object.values(t.levels)))].sort((a, b) => a - b)
  const injected = levels.filter(l => l > 0)
  const s = trials[0].settings
  const lines = [
    `Machine: ${machine}. ${trials.length} trials; count ${s.count} per side (sequential) = ${s.count} interleaved rounds; ${s.confirmRounds} confirmation rounds; benchtime ${s.benchtime}. Rates are per benchmark comparison, with Wilson 95% intervals.`,
    '',
    `| mode | false alarms (0%) | ${injected.map(l => `detected ${l}%`).join(' | ')} | PR-job time / trial | measured time / trial |`,
    `| --- | --- | ${injected.map(() => '---').join(' | ')} | --- | --- |`
  ]
  for (const m of MODES) {
    const cells = levels.map(l => {
      let k = 0
      let n = 0
      for (const t of trials)
        for (const [f, lv] of Object.entries(t.levels))
          if (lv === l) {
            n++
            if (m.flagged(t, f)) k++
          }
      return pct(k, n)
    })
    lines.push(
      `| ${m.name} | ${cells.join(' | ')} | ${(median(trials.map(m.job)) / 1000).toFixed(1)} s | ${(median(trials.map(m.all)) / 1000).toFixed(1)} s |`
    )
  }
  // How big the injected slowdowns really were: median A/B Δ per level.
  lines.push(
    '',
    '| injected | median Δ measured by A/B | median Δ measured sequentially |',
    '| --- | --- | --- |'
  )
  for (const l of levels) {
    const ab = []
    const seq = []
    for (const t of trials)
      for (const [f, lv] of Object.entries(t.levels))
        if (lv === l) {
          if (t.ab.u[f]?.delta != null) ab.push(t.ab.u[f].delta)
          if (t.seqU[f]?.delta != null) seq.push(t.seqU[f].delta)
        }
    lines.push(`| ${l}% | ${median(ab).toFixed(2)}% | ${median(seq).toFixed(2)}% |`)
  }
  const suspects = trials.map(t => t.suspects.length)
  // What the suspects' extra rounds alone should cost: per benchmark run,
  // the sequential head run's time / (count × benchmarks).
  const overhead = trials
    .filter(t => t.suspects.length > 0)
    .map(t => {
      const perRun = t.ms.seqHead / (t.settings.count * Object.keys(t.levels).length)
      return t.ms.confirm - t.suspects.length * 2 * t.settings.confirmRounds * perRun
    })
  const extra = trials.reduce((a, t) => a + t.reran.filter(f => !t.suspects.includes(f)).length, 0)
  const missed = trials.reduce((a, t) => a + t.suspects.filter(f => !t.reran.includes(f)).length, 0)
  lines.push(
    '',
    `Confirmation re-ran ${suspects.reduce((a, b) => a + b, 0)} suspects in ${trials.length} trials (median ${median(suspects)} per trial; ${trials.filter(t => t.suspects.length === 0).length} trials had none and ran nothing). Benchmarks re-run that were not suspects: ${extra}; suspects not re-run: ${missed}. Median confirmation time beyond the suspects' own rounds (worktree, two \`go test -c\` builds, process starts, compare): ${(median(overhead) / 1000).toFixed(1)} s.`
  )
  return lines.join('\n')
}
