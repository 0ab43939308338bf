/**
 * The duet schedule of A/B rounds (docs/verdict-quality.md; Bulej et al., "Duet
 * Benchmarking", ICPE 2020): each round starts the base and the head test
 * binaries together, each pinned to its own half of the CPUs this process
 * may use (`taskset --cpu-list`, sched_setaffinity), so a burst on the
 * host hits both sides at once instead of one. The halves swap every
 * round, so a faster CPU favours neither side. Both sides get the same
 * `-test.cpu`: the user's, or else the CPUs of the whole set, which is
 * what the timed runs had, so benchmark names (`-2`) match the screen's.
 * A machine (or cgroup) with one CPU cannot pin two sides apart: then the
 * rounds are ABBA, with a notice.
 */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { delimiter, join } from 'node:path'

/** How an A/B's rounds are scheduled: alternating (ABBA) or together on disjoint CPUs (duet). */
export const AB_SCHEDULES = ['abba', 'duet'] as const

/** One of AB_SCHEDULES. */
export type AbSchedule = (typeof AB_SCHEDULES)[number]

/** A duet's two CPU sets, as taskset CPU lists, and the -test.cpu both sides run with. */
export interface DuetPlan {
  cpus: [string, string]
  procs: number
}

/** The CPUs of a list such as `0-3,8,10-11`; undefined when it is not one. */
export function parseCpuList(text: string): number[] | undefined {
  const out: number[] = []
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part)
    if (!m) return undefined
    const lo = Number(m[1])
    const hi = m[2] === undefined ? lo : Number(m[2])
    if (hi < lo || hi - lo > 4096) return undefined
    for (let c = lo; c <= hi; c++) out.push(c)
  }
  return out
}

/** The CPUs this process may run on (Linux: Cpus_allowed_list), else 0…n−1. */
export function allowedCpus(status = '/proc/self/status'): number[] {
  try {
    const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(status, 'utf8'))
    const list = m && parseCpuList(m[1])
    if (list && list.length > 0) return list
  } catch {
    // not Linux: fall through
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i)
}

/** Whether taskset (util-linux) is on PATH. */
export function haveTaskset(path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some(dir => dir !== '' && existsSync(join(dir, 'taskset')))
}

/**
 * The duet plan for these CPUs, or why there is none: one CPU cannot hold
 * two sides apart, and without taskset nothing can pin them.
 */
export function duetPlan(
  cpus: readonly number[],
  taskset: boolean
): { plan: DuetPlan } | { fallback: string } {
  if (cpus.length < 2)
    return {
      fallback: `ab-schedule duet needs at least 2 CPUs to pin base and head apart, and this job may use ${cpus.length}; running the rounds ABBA instead`
    }
  if (!taskset)
    return {
      fallback:
        'ab-schedule duet pins each side with taskset (util-linux), which is not on PATH; running the rounds ABBA instead. Install util-linux to use duet'
    }
  const half = Math.floor(cpus.length / 2)
  const list = (xs: readonly number[]): string => xs.join(',')
  return {
    plan: {
      cpus: [list(cpus.slice(0, half)), list(cpus.slice(half, 2 * half))],
      procs: cpus.length
    }
  }
}

/** Whether the user's run flags set -test.cpu already. */
export function setsCpuFlag(runFlags: readonly string[]): boolean {
  return runFlags.some(f => /^-{1,2}test\.cpu(=|$)/.test(f))
}
