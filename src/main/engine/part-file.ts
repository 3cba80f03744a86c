import { closeSync, constants, open, openSync, promises as fs, unlinkSync } from 'node:fs'
import { AppError } from '../../shared/errors'
import type { ByteSink } from './memory-file'

/** Maps file-system errors to our codes: a full disk pauses, a locked folder fails clearly. */
export function toFileError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('DiskFull', path, { cause: error })
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'ENOTDIR' ||
    code === 'EEXIST'
  ) {
    return new AppError('FilePermission', `${path}: ${message}`, { cause: error })
  }
  if (code === 'ENOENT') return new AppError('FileMissing', path, { cause: error })
  return new AppError('Internal', `${path}: ${message}`, { cause: error })
}

/** Open for reading and writing, no following of a symbolic link planted at the name. */
const noFollow = constants.O_NOFOLLOW ?? 0
const openFlags = {
  existing: constants.O_RDWR | noFollow,
  /** Exclusive creation: O_EXCL also refuses a name that is a symbolic link, even a dangling one. */
  create: constants.O_RDWR | constants.O_CREAT | constants.O_EXCL,
  replace: constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC | noFollow,
} as const

/**
 * Claims a part file name for a job by creating the empty file exclusively. The file system
 * decides, so two processes (the app and a `vod-dl` command) downloading into one folder can
 * never pick the same part file. False when the name is taken.
 */
export function claimPartFile(path: string): boolean {
  try {
    closeSync(openSync(path, exclusiveCreate, 0o644))
    return true
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return false
    throw toFileError(error, path)
  }
}

/**
 * {@link claimPartFile} on the thread pool, keeping the new file open for the one write a small
 * file needs. Creating a file can wait for the file system's journal, which other files'
 * flushes keep busy while thousands of small files go through: on the main thread that wait
 * stalled every download (a quarter of a millisecond per file). Returns the open descriptor
 * (the caller closes it), or undefined when the name is taken.
 */
export async function claimPartFileOpen(path: string): Promise<number | undefined> {
  try {
    return await openDescriptor(path, exclusiveCreate)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') return undefined
    throw toFileError(error, path)
  }
}

/** Creates a new file for writing; fails with EEXIST when the name is taken (a link too). */
export const exclusiveCreate = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL

/**
 * Closes a descriptor directly (no I/O for a file already flushed or never written), ignoring
 * one closed already: what an attempt holds is let go on every path, errors included.
 */
export function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor)
  } catch {
    // Closed already: nothing to let go.
  }
}

function openDescriptor(path: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, flags, 0o644, (error, descriptor) => (error ? reject(error) : resolve(descriptor)))
  })
}

/** Gives back a claim made with {@link claimPartFile} that the job will not use after all. */
export function releasePartFile(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone.
  }
}

/**
 * The `<name>.part` file a download writes into. Every connection writes at its own offset
 * into the one file (no merge step, never twice the disk space).
 */
export class PartFile implements ByteSink {
  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /**
   * Opens a part file for writing in place: one this job created (`existing`, never following a
   * link someone put in its place), or a new one (`create`, which fails with `EEXIST` — as an
   * AppError `FilePermission` — when the name is taken: whoever created a part file owns it,
   * in this process or another), or `replace` for a file inside a folder only this job writes
   * (an HLS job's segments), emptied if it exists. Its folder must exist.
   */
  static async open(path: string, mode: 'existing' | 'create' | 'replace'): Promise<PartFile> {
    try {
      const handle = await fs.open(path, openFlags[mode])
      return new PartFile(path, handle)
    } catch (error) {
      throw toFileError(error, path)
    }
  }

  /** Sets the file's length up front so positional writes never extend it piecemeal. */
  async allocate(size: number): Promise<void> {
    try {
      await this.handle.truncate(size)
    } catch (error) {
      throw toFileError(error, this.path)
    }
  }

  async write(buffers: Buffer[], position: number): Promise<void> {
    try {
      if (buffers.length === 1) {
        const buffer = buffers[0] as Buffer
        let written = 0
        while (written < buffer.length) {
          const result = await this.handle.write(
            buffer,
            written,
            buffer.length - written,
            position + written,
          )
          written += result.bytesWritten
        }
        return
      }
      let offset = position
      let pending = buffers
      while (pending.length > 0) {
        const { bytesWritten } = await this.handle.writev(pending, offset)
        offset += bytesWritten
        pending = skipBytes(pending, bytesWritten)
      }
    } catch (error) {
      throw toFileError(error, this.path)
    }
  }

  /** Flushes data to the disk, so a checkpoint never claims bytes that are only in the cache. */
  async flush(): Promise<void> {
    try {
      await this.handle.datasync()
    } catch (error) {
      throw toFileError(error, this.path)
    }
  }

  async size(): Promise<number> {
    return (await this.handle.stat()).size
  }

  async read(buffer: Buffer, position: number): Promise<number> {
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position)
    return bytesRead
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined)
  }
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count
  const rest: Buffer[] = []
  for (const buffer of buffers) {
    if (left >= buffer.length) {
      left -= buffer.length
      continue
    }
    rest.push(left > 0 ? buffer.subarray(left) : buffer)
    left = 0
  }
  return rest
}
