/**
 * The decoder's entry points: read a profile file with its size checked
 * first, undo gzip with a cap, then the wire pass (raw.ts) and the
 * resolving pass (resolve.ts). Every failure is a ProfileError.
 */
import { stat } from 'node:fs/promises'
import { readCapped } from '../files/index.js'
import { ProfileError, REGENERATE_HINT } from './errors.js'
import { DEFAULT_MAX_PROFILE_BYTES, gunzipCapped, isGzip } from './gunzip.js'
import type { Profile } from './model.js'
import { readRaw, type RawProfile } from './raw.js'
import { resolve } from './resolve.js'
import { WireError } from './wire.js'

/** Options shared by the decoding entry points. */
export interface DecodeOptions {
  /** Name used in error messages: the file path, or a label. */
  source?: string
  /** Ceiling for the decoded (uncompressed) size in bytes. Default 1 GiB. */
  maxBytes?: number
}

/**
 * Read and decode a profile file (gzip-compressed or raw protobuf).
 * Every failure, including I/O, is a ProfileError naming the file.
 */
export async function readProfile(path: string, options: DecodeOptions = {}): Promise<Profile> {
  const source = options.source ?? path
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new ProfileError(source, 'is not a regular file')
    if (info.size > maxBytes) throw tooLarge(source, maxBytes)
    bytes = await readCapped(path, maxBytes, 'the profile')
  } catch (err) {
    if (err instanceof ProfileError) throw err
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProfileError(
      source,
      `cannot read the profile (${reason})`,
      'Check the path and permissions'
    )
  }
  return decodeProfile(bytes, { ...options, source, maxBytes })
}

/**
 * Decode profile bytes: gzip (told apart by its 1f 8b magic) or raw
 * protobuf, per google/pprof proto/profile.proto (our copy:
 * src/pprof/profile.proto). Throws only ProfileError.
 */
export function decodeProfile(bytes: Uint8Array, options: DecodeOptions = {}): Profile {
  const source = options.source ?? '<profile>'
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES
  if (bytes.length === 0) {
    throw new ProfileError(source, 'the file is empty', REGENERATE_HINT)
  }
  let data = bytes
  if (isGzip(bytes)) {
    data = gunzipCapped(bytes, maxBytes, source)
  } else if (bytes.length > maxBytes) {
    throw tooLarge(source, maxBytes)
  }
  if (data.length === 0)
    throw new ProfileError(source, 'the gzip stream holds no data', REGENERATE_HINT)
  let raw: RawProfile
  try {
    raw = readRaw(data)
  } catch (err) {
    throw wireError(err, source)
  }
  try {
    return resolve(raw, source)
  } catch (err) {
    if (err instanceof ProfileError) throw err
    // A structural surprise the checks below did not anticipate is still a
    // bad profile, never a crash with an internal stack trace.
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProfileError(source, `malformed profile (${reason})`, REGENERATE_HINT)
  }
}

function tooLarge(source: string, maxBytes: number): ProfileError {
  return new ProfileError(
    source,
    `profile exceeds the size cap of ${maxBytes} bytes`,
    'Raise --max-profile-bytes (library: maxBytes) if the file is trusted'
  )
}

function wireError(err: unknown, source: string): ProfileError {
  if (err instanceof WireError) {
    switch (err.kind) {
      case 'truncated':
        return new ProfileError(
          source,
          `protobuf data is truncated (${err.message})`,
          REGENERATE_HINT
        )
      case 'wire-type':
        return new ProfileError(
          source,
          `not a pprof profile: invalid protobuf wire type (${err.message})`,
          REGENERATE_HINT
        )
      case 'malformed':
        return new ProfileError(
          source,
          `not a pprof profile: malformed protobuf (${err.message})`,
          REGENERATE_HINT
        )
    }
  }
  if (err instanceof ProfileError) return err
  const reason = err instanceof Error ? err.message : String(err)
  return new ProfileError(
    source,
    `not a pprof profile: protobuf decoding failed (${reason})`,
    REGENERATE_HINT
  )
}
