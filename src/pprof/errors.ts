/**
 * The one error type that profile decoding throws. Its message names the
 * source (a file path, or a label the caller chose) and what is wrong.
 */
export class ProfileError extends Error {
  /** The file or label the bytes came from. */
  readonly source: string

  constructor(source: string, problem: string, hint?: string) {
    super(`${source}: ${problem}${hint ? `. ${hint}` : ''}`)
    this.name = 'ProfileError'
    this.source = source
  }
}

/** Hint appended to most decode errors: what the user can do next. */
export const REGENERATE_HINT =
  'Regenerate it with `go test -cpuprofile`/`-memprofile`, or check that the right file was passed'
