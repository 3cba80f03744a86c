import { statfs } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'

/**
 * Bytes the current user may still write on the file system that holds `directory`
 * (`bavail × bsize`: blocks reserved for root are not counted). The download folder may not exist
 * yet, so the nearest existing ancestor is asked instead. Other errors (no permission, a broken
 * drive) are passed on unchanged for the caller to classify.
 */
export async function freeBytes(directory: string): Promise<number> {
  let current = resolve(directory)
  for (;;) {
    try {
      const stats = await statfs(current)
      return stats.bavail * stats.bsize
    } catch (error) {
      const parent = dirname(current)
      if (!isMissing(error) || parent === current) throw error
      current = parent
    }
  }
}

/** ENOENT: the folder does not exist; ENOTDIR: a file sits where a folder of the path should be. */
function isMissing(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false
  return error.code === 'ENOENT' || error.code === 'ENOTDIR'
}
