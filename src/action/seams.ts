/**
 * The Action's side effects behind small seams, so its decisions can be
 * tested with fakes (in the style of actions/cache's StateProvider) and
 * the real implementations stay at the edge.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'

/** Upload files under rootDir as one artifact; resolves to its id. */
export type ArtifactUploader = (name: string, files: string[], rootDir: string) => Promise<number>

/**
 * The real uploader: @actions/artifact. An artifact's name is unique in a
 * run, so a re-run job (a shard run again before the merge) meets its
 * earlier attempt's artifact as HTTP 409: that one is deleted and the
 * upload made again, as upload-artifact's `overwrite` does.
 */
export const uploadArtifact: ArtifactUploader = async (name, files, rootDir) => {
  const client = new DefaultArtifactClient()
  try {
    return (await client.uploadArtifact(name, files, rootDir)).id ?? 0
  } catch (err) {
    if (!/\(409\)|already exists/i.test(err instanceof Error ? err.message : String(err))) throw err
    await client.deleteArtifact(name)
    return (await client.uploadArtifact(name, files, rootDir)).id ?? 0
  }
}

/** Every file below dir, for an upload. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile()).map(e => join(e.parentPath, e.name))
}
