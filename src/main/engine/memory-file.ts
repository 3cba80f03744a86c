import { closeSync, fdatasync, openSync, writeSync } from 'node:fs'
import { toFileError } from './part-file'

/** Where a connection's bytes go: the part file on disk, or memory for a small file. */
export interface ByteSink {
  write(buffers: Buffer[], position: number): Promise<void>
}

/**
 * A small file (a cover, a snapshot) is assembled in memory and written to its part file in one
 * go: one open, one write, one flush, instead of a preallocated file with checkpoints. A crash
 * meanwhile costs at most that small file, which is downloaded again.
 */
export class MemoryFile implements ByteSink {
  private readonly buffer: Buffer

  constructor(readonly size: number) {
    this.buffer = Buffer.allocUnsafe(size)
  }

  /** The file's bytes (complete once every connection has finished). */
  get contents(): Buffer {
    return this.buffer
  }

  write(buffers: Buffer[], position: number): Promise<void> {
    let offset = position
    for (const chunk of buffers) {
      const room = this.size - offset
      if (room <= 0) break
      chunk.copy(this.buffer, offset, 0, Math.min(chunk.length, room))
      offset += chunk.length
    }
    return Promise.resolve()
  }

  /**
   * Writes the whole file and flushes it to disk. Opening and writing a few hundred KiB are
   * synchronous (a fraction of a millisecond, less than the cost of asynchronous calls); the
   * flush, which waits for the disk, runs on the thread pool so many small files flush at once.
   */
  async writeTo(path: string): Promise<void> {
    let descriptor: number | undefined
    try {
      descriptor = openSync(path, 'w')
      let written = 0
      while (written < this.size) {
        written += writeSync(descriptor, this.buffer, written, this.size - written, written)
      }
      const flushing = descriptor
      await new Promise<void>((resolve, reject) => {
        fdatasync(flushing, (error) => (error ? reject(error) : resolve()))
      })
    } catch (error) {
      throw toFileError(error, path)
    } finally {
      if (descriptor !== undefined) closeSync(descriptor)
    }
  }
}
