/**
 * Reading a file we did not write: it is checked before it is read. It
 * must be a regular file (a FIFO would hang, /dev/zero never ends) and no
 * larger than a cap, and the read stops one byte past the size stat gave,
 * so a file that grows meanwhile cannot exhaust memory either.
 */
import { open, stat } from 'node:fs/promises'

/** A file that is missing, not a regular file, or larger than its cap. */
export class FileError extends Error {
  override name = 'FileError'
}

/** Read at most `maxBytes` of a regular file; `what` names it in messages ("the profile"). */
export async function readCapped(path: string, maxBytes: number, what: string): Promise<Buffer> {
  let size: number
  try {
    const info = await stat(path)
    if (!info.isFile())
      throw new FileError(
        `${path}: ${what} is not a regular file (${kindOf(info)}); pass a file that benchgate or go test wrote`
      )
    size = info.size
  } catch (err) {
    if (err instanceof FileError) throw err
    throw new FileError(`${path}: cannot read ${what} (${(err as Error).message})`)
  }
  if (size > maxBytes)
    throw new FileError(
      `${path}: ${what} is ${size} bytes, over the cap of ${maxBytes}; it was not written by benchgate, or it is corrupt`
    )
  const handle = await open(path, 'r')
  try {
    // One byte more than stat said tells a file that grew since.
    const buffer = Buffer.alloc(size + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > size)
      throw new FileError(
        `${path}: ${what} grew while it was read; read it again when it is complete`
      )
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/** readCapped, as UTF-8 text. */
export async function readTextCapped(
  path: string,
  maxBytes: number,
  what: string
): Promise<string> {
  return (await readCapped(path, maxBytes, what)).toString('utf8')
}

function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a named pipe'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  return 'not a file'
}
