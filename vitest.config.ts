import { defineConfig } from 'vitest/config'

/**
 * Two tiers. `unit` (test/unit/<folder>/<module>.test.ts, the test of
 * src/<folder>/<module>.ts): pure decisions, parsers and renderers, and
 * the GitHub client against a loopback server in process; it needs neither
 * Go nor dist/, and its files run in parallel (`npm run test:unit`).
 * `e2e` (the rest of test/): the real Go toolchain, the built dist/, the
 * oracles (go tool pprof, benchstat, a browser). Its files run one at a
 * time: several of them time real benchmarks, and two benchmark runs
 * sharing the 2 cores would make each other noisy.
 */
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
          exclude: ['test/unit/**'],
          // Real `go test` runs and child processes are slow on 2 cores;
          // these are generous ceilings, not performance assertions.
          testTimeout: 240_000,
          hookTimeout: 600_000,
          globalSetup: ['test/setup/global.ts'],
          pool: 'forks',
          fileParallelism: false
        }
      }
    ]
  }
})
