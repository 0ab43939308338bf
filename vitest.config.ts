import { defineConfig } from 'vitest/config'

/**
 * Three tiers. `unit` (test/unit/<folder>/<module>.test.ts, the test of
 * src/<folder>/<module>.ts): pure decisions, parsers and renderers, and
 * the GitHub client against a loopback server in process; it needs neither
 * Go nor dist/, and its files run in parallel (`npm run test:unit`).
 * `e2e` (the rest of test/): the real Go toolchain, the built dist/, the
 * oracles (go tool pprof, benchstat, a browser). Its files that time real
 * benchmarks and assert on what the timings say run one at a time: two
 * benchmark runs sharing the 2 cores would make each other noisy.
 * `e2e-parallel`: the end-to-end files whose assertions do not depend on
 * timings (protocols, profiles Go wrote, process handling, which package
 * runs where), or whose seeded changes are several times any noise a
 * neighbour adds (the Action's 4× and 37× demo regressions, a sharded
 * +190%): two at a time. (pprof-robustness compares the decoder's time at
 * two sizes, so it stays serial.)
 */
const PARALLEL = [
  'action',
  'action-shard',
  'action-shard-confirmed',
  'action-shard-race',
  'changed-only',
  'chatty',
  'comment-api',
  'contention-verdicts',
  'decls-goast',
  'history-action',
  'env',
  'examples',
  'files',
  'fixture-profiles',
  'flame',
  'identical',
  'fork',
  'lines',
  'merge-cli',
  'names',
  'pprof-decode',
  'pprof-oracle',
  'samples',
  'select',
  'shard-run',
  'stats-benchstat',
  'timeouts',
  'unconfirmed'
].map(name => `test/${name}.test.ts`)

const E2E = {
  // Real `go test` runs and child processes are slow on 2 cores;
  // these are generous ceilings, not performance assertions.
  testTimeout: 240_000,
  hookTimeout: 600_000,
  globalSetup: ['test/setup/global.ts'],
  pool: 'forks' as const
}

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
          pool: 'forks'
        }
      },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', ...PARALLEL],
          ...E2E,
          fileParallelism: false
        }
      },
      {
        test: {
          name: 'e2e-parallel',
          include: PARALLEL,
          ...E2E,
          maxWorkers: 2
        }
      }
    ]
  }
})
