import * as core from '@actions/core'

/**
 * Action orchestration. The benchmark run, comparison and GitHub side
 * effects arrive with the issues that build them; until then the Action
 * says plainly that it cannot gate anything yet instead of passing quietly.
 */
export async function run(): Promise<void> {
  core.setFailed(
    'benchgate: the Action front end is not implemented yet in this version; use the CLI (`benchgate top`) for now'
  )
}
