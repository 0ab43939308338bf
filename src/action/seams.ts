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

/** The real uploader: @actions/artifact. */
export const uploadArtifact: ArtifactUploader = async (name, files, rootDir) => {
  const result = await new DefaultArtifactClient().uploadArtifact(name, files, rootDir)
  return result.id ?? 0
}

/** Every file below dir, for an upload. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter(e => e.isFile()).map(e => join(e.parentPath, e.name))
}
