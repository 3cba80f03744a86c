import { mkdirSync } from 'node:fs'
import type { Clock } from '../common/clock'
import { freeBytes } from './disk-space'
import { toFileError } from './part-file'

/**
 * Remembers folders already created and recent free-space readings, so thousands of small files
 * in one folder cost one `mkdir` and one `statfs` instead of thousands. Space handed to a job is
 * subtracted from the cached reading, so concurrent jobs do not all count the same free bytes.
 */
export class FolderCache {
  private readonly created = new Set<string>()
  private readonly space = new Map<string, { bytes: number; readAt: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly freeSpaceTtlMs = 2_000,
  ) {}

  /** Creates the folder (and its parents) once; synchronous because it is almost always a no-op. */
  ensure(folder: string): void {
    if (this.created.has(folder)) return
    try {
      mkdirSync(folder, { recursive: true })
    } catch (error) {
      // A file where a folder should be, or no permission: the user must pick another folder.
      throw toFileError(error, folder)
    }
    this.created.add(folder)
  }

  /** Free bytes in the folder's file system, read at most every few seconds. */
  async freeBytes(folder: string): Promise<number> {
    const now = this.clock.now()
    const cached = this.space.get(folder)
    if (cached && now - cached.readAt < this.freeSpaceTtlMs) return cached.bytes
    const bytes = await freeBytes(folder)
    this.space.set(folder, { bytes, readAt: now })
    return bytes
  }

  /** Counts bytes about to be written against the cached reading. */
  reserve(folder: string, bytes: number): void {
    const cached = this.space.get(folder)
    if (cached) cached.bytes -= bytes
  }

  /** Forgets a folder (it may have been deleted). */
  forget(folder: string): void {
    this.created.delete(folder)
    this.space.delete(folder)
  }
}
