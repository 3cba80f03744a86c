import { close, constants, fdatasync, open, write } from 'node:fs'
import { promisify } from 'node:util'
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
   * Writes the whole file and flushes it to disk, then closes it (also the `claimed`
   * descriptor, the part file as its claim opened it). Every call runs on the thread pool: with
   * thousands of files in a row, creating a file (a fraction of a millisecond, far more on
   * Windows with a virus scanner) and flushing it are where a single event loop would otherwise
   * spend its time, while on the pool many files are created and flushed at once.
   */
  async writeTo(path: string, claimed?: number): Promise<void> {
    let descriptor: number | undefined = claimed
    try {
      // The part file was created empty when the job claimed its name, and is usually still
      // open from that claim. Otherwise it is written in place, never created here (another job
      // may hold the name) and never through a planted link.
      descriptor ??= await openFile(path, claimedPartFlags)
      let written = 0
      while (written < this.size) {
        written += await writeBytes(descriptor, this.buffer, written, this.size - written, written)
      }
      await flushFile(descriptor)
    } catch (error) {
      throw toFileError(error, path)
    } finally {
      if (descriptor !== undefined) await closeFile(descriptor).catch(() => undefined)
    }
  }
}

const claimedPartFlags = constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0)
const openFile = promisify(open)
const flushFile = promisify(fdatasync)
const closeFile = promisify(close)

function writeBytes(
  descriptor: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    write(descriptor, buffer, offset, length, position, (error, written) =>
      error ? reject(error) : resolve(written),
    )
  })
}
