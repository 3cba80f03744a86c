import { randomBytes } from 'node:crypto'
import { open, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { FolderProbe, PathKind } from '../policies/drop-folder'

/**
 * The real file-system probe. Writability is tested by creating and deleting a small file,
 * because `access(W_OK)` is unreliable on Windows (it only reads the read-only attribute, not the
 * ACL) and on network shares.
 */
export function createFolderProbe(): FolderProbe {
  return {
    async kind(absolutePath: string): Promise<PathKind> {
      try {
        const stats = await stat(absolutePath)
        return stats.isDirectory() ? 'directory' : 'file'
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'inaccessible'
      }
    },
    async canWrite(directory: string): Promise<boolean> {
      const probe = path.join(
        directory,
        `.vod-downloader-write-test-${randomBytes(6).toString('hex')}`,
      )
      try {
        const handle = await open(probe, 'wx')
        await handle.close()
        await rm(probe, { force: true })
        return true
      } catch {
        return false
      }
    },
  }
}
