import { constants, fdatasync, open, write } from 'node:fs'
import { promisify } from 'node:util'
import { AppError } from '../../shared/errors'
import { closeQuietly, toFileError } from './part-file'

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
  /** The pooled buffer `buffer` is the start of; undefined once given back. */
  private backing: Buffer | undefined

  constructor(
    readonly size: number,
    private readonly pool: BufferPool = smallFileBuffers,
  ) {
    this.backing = pool.take(size)
    this.buffer = this.backing.subarray(0, size)
  }

  /** A released buffer belongs to another file now: reading or writing it would mix files. */
  private assertHeld(): void {
    if (this.backing === undefined) {
      throw new AppError('Internal', 'a small file buffer was used after it was given back')
    }
  }

  /**
   * Gives the buffer back for the next small file. Only once nothing reads or writes it any
   * more: after the file was written, verified and published.
   */
  release(): void {
    if (this.backing === undefined) return
    this.pool.give(this.backing)
    this.backing = undefined
  }

  /** The file's bytes (complete once every connection has finished). */
  get contents(): Buffer {
    this.assertHeld()
    return this.buffer
  }

  write(buffers: Buffer[], position: number): Promise<void> {
    this.assertHeld()
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
    this.assertHeld()
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
      // Closing a file already flushed does no I/O: directly, not through the thread pool.
      if (descriptor !== undefined) closeQuietly(descriptor)
    }
  }
}

const claimedPartFlags = constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0)
const openFile = promisify(open)
const flushFile = promisify(fdatasync)

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

/**
 * Buffers of finished small files, reused by the next ones. Thousands of covers each allocated
 * their size outside the JavaScript heap, and that churn is what made V8 collect garbage
 * (full collections included) every few dozen files. Sizes are rounded up to a power of two;
 * at most `limitBytes` wait in the pool, so a burst of 1 MiB files does not stay resident.
 */
export class BufferPool {
  private readonly free = new Map<number, Buffer[]>()
  private pooledBytes = 0

  constructor(private readonly limitBytes: number) {}

  take(size: number): Buffer {
    const capacity = capacityFor(size)
    const buffer = this.free.get(capacity)?.pop()
    if (buffer === undefined) return Buffer.allocUnsafe(capacity)
    this.pooledBytes -= capacity
    return buffer
  }

  give(buffer: Buffer): void {
    const capacity = buffer.length
    if (capacity !== capacityFor(capacity) || this.pooledBytes + capacity > this.limitBytes) return
    let list = this.free.get(capacity)
    if (list === undefined) {
      list = []
      this.free.set(capacity, list)
    }
    list.push(buffer)
    this.pooledBytes += capacity
  }

  /** Bytes waiting in the pool. */
  get bytes(): number {
    return this.pooledBytes
  }
}

function capacityFor(size: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(4096, size)))
}

/** The process's pool: 8 MiB covers a lane of 64 files of 128 KiB. */
const smallFileBuffers = new BufferPool(8 * 1024 * 1024)
