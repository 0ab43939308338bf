#!/usr/bin/env node
/**
 * benchgate's command-line entry: run the CLI (src/cli/main.ts) and set the
 * exit status. Any failure, known or not, is one clear line, never a
 * silent pass.
 */
import { internalError, main } from './cli/main.js'

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(internalError(err))
    process.exitCode = 1
  }
)
