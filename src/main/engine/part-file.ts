import { promises as fs } from 'node:fs'
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

/**
 * The `<name>.part` file a download writes into. Every connection writes at its own offset
 * into the one file (no merge step, never twice the disk space).
 */
export class PartFile implements ByteSink {
  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Opens an existing part file for writing in place, or creates it (its folder must exist). */
  static async open(path: string, create: boolean): Promise<PartFile> {
    try {
      const handle = await fs.open(path, create ? 'w+' : 'r+')
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
