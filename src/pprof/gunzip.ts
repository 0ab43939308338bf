import { constants as bufferConstants } from 'node:buffer'
import { gunzipSync } from 'node:zlib'
import { ProfileError, REGENERATE_HINT } from './errors.js'

/** Default ceiling for a decoded (uncompressed) profile: 1 GiB. */
export const DEFAULT_MAX_PROFILE_BYTES = 1024 * 1024 * 1024

/** True when the bytes start with the gzip magic number 1f 8b (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/**
 * Inflate a gzip stream, refusing to produce more than `maxBytes`.
 *
 * Node's zlib was chosen over pako by measurement (docs/performance.md):
 * it is native, and `maxOutputLength` stops inflation as soon as the cap is
 * passed, so a small bomb never allocates gigabytes.
 */
export function gunzipCapped(bytes: Uint8Array, maxBytes: number, source: string): Uint8Array {
  try {
    // The default finishFlush (Z_FINISH) makes a truncated stream an error
    // rather than a silent short read. Concatenated members (RFC 1952 §2.2)
    // are inflated in sequence.
    return gunzipSync(bytes, {
      maxOutputLength: Math.max(1, Math.min(maxBytes, bufferConstants.MAX_LENGTH))
    })
  } catch (err) {
    throw gzipError(err, maxBytes, source)
  }
}

function gzipError(err: unknown, maxBytes: number, source: string): ProfileError {
  const code = (err as { code?: string } | null)?.code
  const message = err instanceof Error ? err.message : String(err)
  if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
    return new ProfileError(
      source,
      `decompressed profile exceeds the size cap of ${maxBytes} bytes`,
      'It may be a gzip bomb or an unusually large profile; raise --max-profile-bytes (library: maxBytes) if the file is trusted'
    )
  }
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return new ProfileError(source, 'gzip stream is truncated', REGENERATE_HINT)
  }
  if (/incorrect data check|incorrect length check/i.test(message)) {
    return new ProfileError(
      source,
      `gzip checksum mismatch (${message}): the file is corrupt`,
      REGENERATE_HINT
    )
  }
  return new ProfileError(source, `invalid gzip data (${message})`, REGENERATE_HINT)
}
