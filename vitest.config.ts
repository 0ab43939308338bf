import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real `go test` runs and child processes are slow on 2 cores; these are
    // generous ceilings, not performance assertions.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    globalSetup: ['test/setup/global.ts'],
    pool: 'forks',
    // Test files run one at a time: several of them time real benchmarks,
    // and two benchmark runs sharing the 2 cores would make each other noisy.
    fileParallelism: false,
    reporters: ['default']
  }
})
