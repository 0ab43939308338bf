/**
 * The benchmarks' own output in the Action's log issues no workflow
 * command: a line that could hold one is framed by ::stop-commands:: with
 * a fresh token, and the runner's processing resumes right after it.
 * This reads what @actions/core writes to standard output.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { logInert } from '../../../src/action/log.js'

/**
 * The runner's rule, as GitHub documents it for stop-commands: between
 * `::stop-commands::T` and `::T::` no line is a command. Returns the
 * lines the runner would process as commands.
 */
function commandsSeen(lines: string[]): string[] {
  const seen: string[] = []
  let stopped: string | undefined
  for (const line of lines) {
    const text = line.trim()
    if (stopped !== undefined) {
      if (text === `::${stopped}::`) stopped = undefined
      continue
    }
    const stop = /^::stop-commands::(.+)$/.exec(text)
    if (stop) stopped = stop[1]
    else if (text.startsWith('::') || text.startsWith('##[')) seen.push(text)
  }
  return seen
}

describe('logInert', () => {
  const written: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    written.length = 0
  })
  const capture = (): void => {
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      written.push(
        ...String(chunk)
          .split('\n')
          .filter(l => l !== '')
      )
      return true
    })
  }

  it('frames lines that could be commands, and only those', () => {
    capture()
    const hostile = [
      '::error file=chatty.go,line=1::forged by a benchmark',
      '  ::add-mask::secret',
      '::stop-commands::guess',
      '##[set-env name=X;]y',
      'text then ::warning::x'
    ]
    for (const line of ['plain output', ...hostile]) logInert(line)
    expect(written[0]).toBe('plain output')
    expect(commandsSeen(written)).toEqual([])
    // Every hostile line is still shown, as it was.
    for (const line of hostile) expect(written).toContain(line)
    // A fresh token each time, so a benchmark cannot end the frame early.
    const tokens = written.filter(l => /^::stop-commands::[0-9a-f]{32}$/.test(l))
    expect(new Set(tokens).size).toBe(hostile.length)
    // After the last frame, our own commands work again.
    expect(commandsSeen([...written, '::error::ours'])).toEqual(['::error::ours'])
  })
})
