import { createHash } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { Crc64, formatCrc64 } from '../../shared/crc64'
import { numberedFileName, resolveInside } from '../engine/file-name'
import type { ManifestFile } from '../database/backup-manifest-repository'
import type { LocalState } from './file-plan'

/**
 * The file system side of a backup: checking local copies, moving files and folders inside
 * the backup folder, the trash, sidecars. Every path is relative to the backup folder and is
 * resolved inside it (a path that would leave it is refused).
 */

/** Whether an error is "no such file or folder". */
function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path)
    return true
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

/** Whether an HLS rendition's output (an MP4 or a folder made of the playlist) is what's there. */
function isHlsOutput(file: ManifestFile): boolean {
  return file.reference.kind === 'rendition' && file.reference.format?.toLowerCase() === 'm3u8'
}

/** CRC-64 (OSS's decimal form) and MD5 (hex) of a local file, read once. */
export async function fileDigests(path: string): Promise<{ crc64: string; md5: string }> {
  const crc = new Crc64()
  const md5 = createHash('md5')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer
    crc.update(bytes)
    md5.update(bytes)
  }
  return { crc64: formatCrc64(crc.digest()), md5: md5.digest('hex') }
}

/**
 * How a local file looks: `missing`, `wrong` (another size, or with `verify` another checksum
 * than recorded) or `ok`. Without `verify` only the size is read (a stat), which keeps a run
 * over an unchanged library cheap; HLS outputs are only checked to exist (their size is the
 * remuxed file's, not the stream's).
 */
export async function checkLocalFile(
  folder: string,
  file: ManifestFile,
  verify: boolean,
): Promise<LocalState> {
  const path = resolveInside(folder, file.localPath)
  let size: number
  try {
    const stats = await fs.stat(path)
    if (isHlsOutput(file)) return 'ok'
    if (!stats.isFile()) return 'wrong'
    size = stats.size
  } catch (error) {
    if (isMissing(error)) return 'missing'
    throw error
  }
  if (file.size !== null && size !== file.size) return 'wrong'
  if (!verify || (file.crc64 === null && file.md5 === null)) return 'ok'
  const digests = await fileDigests(path)
  if (file.crc64 !== null && digests.crc64 !== file.crc64) return 'wrong'
  if (file.md5 !== null && digests.md5 !== file.md5.toLowerCase()) return 'wrong'
  return 'ok'
}

/** Creates the folders a relative path needs. */
async function ensureParent(path: string): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true })
}

/**
 * Moves a file (or an HLS output folder) inside the backup folder, never over another file: a
 * file already at the target (not one this backup knows) goes to `trashFolder` first.
 * Idempotent for a run that continues after a kill: when the source is gone and the target is
 * there, the move already happened. Answers false when neither exists.
 */
export async function moveInside(
  folder: string,
  from: string,
  to: string,
  trashFolder: string,
): Promise<boolean> {
  const source = resolveInside(folder, from)
  const target = resolveInside(folder, to)
  if (source === target) return exists(source)
  const sourceExists = await exists(source)
  if (!sourceExists) return exists(target)
  if (source.toLowerCase() === target.toLowerCase()) {
    // Only the case differs: on macOS and Windows both names are the same file, so go through
    // a third name rather than mistake the file for one in the way.
    const passing = `${source}.${process.pid}.moving`
    await fs.rename(source, passing)
    await ensureParent(target)
    await fs.rename(passing, target)
    return true
  }
  if (await exists(target)) await moveToTrash(folder, trashFolder, to)
  await ensureParent(target)
  await fs.rename(source, target)
  await removeEmptyFolders(folder, posix.dirname(from))
  return true
}

/**
 * Moves a file into the run's trash folder, keeping its relative path (numbered when the trash
 * already holds one of that name). Nothing is ever deleted by a backup.
 */
export async function moveToTrash(
  folder: string,
  trashFolder: string,
  path: string,
): Promise<void> {
  const source = resolveInside(folder, path)
  if (!(await exists(source))) return
  for (let number = 0; ; number += 1) {
    const target = resolveInside(folder, posix.join(trashFolder, numberedFileName(path, number)))
    if (await exists(target)) continue
    await ensureParent(target)
    await fs.rename(source, target)
    await removeEmptyFolders(folder, posix.dirname(path))
    return
  }
}

/** Removes the folder `relative` and its parents while they are empty, up to the backup folder. */
export async function removeEmptyFolders(folder: string, relative: string): Promise<void> {
  let current = relative
  while (current !== '.' && current !== '' && current !== '/') {
    try {
      await fs.rmdir(resolveInside(folder, current))
    } catch {
      return // not empty, or gone
    }
    current = posix.dirname(current)
  }
}

/** Writes a file whole: a temporary name first, then a rename over the old version. */
export async function writeFileAtomically(
  folder: string,
  path: string,
  text: string,
): Promise<void> {
  const target = resolveInside(folder, path)
  await ensureParent(target)
  const temporary = `${target}.${process.pid}.writing`
  await fs.writeFile(temporary, text, 'utf8')
  await fs.rename(temporary, target)
}

/** Removes a file the backup wrote itself (an old sidecar); a missing one is fine. */
export async function removeOwnFile(folder: string, path: string): Promise<void> {
  try {
    await fs.unlink(resolveInside(folder, path))
  } catch (error) {
    if (!isMissing(error)) throw error
  }
  await removeEmptyFolders(folder, posix.dirname(path))
}

/** `join` for a relative `/` path under the backup folder (for messages). */
export function absolutePath(folder: string, path: string): string {
  return join(folder, ...path.split('/'))
}
