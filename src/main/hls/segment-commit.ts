import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { toFileError } from '../engine/part-file'
import { decryptFile, segmentIv } from './aes-decrypt'
import type { SegmentKey } from './media-playlist'
import { segmentDecryptingName, segmentFileName, segmentPartName } from './output-paths'
import type { SegmentWork } from './segment-download'
import { describeSegment } from './segment-plan'

export interface CommitContext {
  partsPath: string
  segmentCount: number
  /** The AES-128 key a playlist's key line names (cached and shared by the caller). */
  key(key: SegmentKey): Promise<Buffer>
}

/** MPEG-TS packets start with this byte: a decrypted `.ts` segment that does not is wrong. */
const transportStreamSync = 0x47

/**
 * Commits a downloaded segment: decrypted into a flushed temporary file when the stream is
 * encrypted, then renamed to `<sequence>.ts`. The rename is the commit, so a resumed job never
 * decrypts a segment twice and never mistakes a half-written file for a finished one. Bytes
 * that do not decrypt with the listed key are deleted, so the segment is fetched again.
 */
export async function commitSegment(segment: SegmentWork, context: CommitContext): Promise<void> {
  const part = join(context.partsPath, segmentPartName(segment.sequence))
  const final = join(context.partsPath, segmentFileName(segment.sequence))
  if (segment.key) {
    const key = await context.key(segment.key)
    const decrypting = join(context.partsPath, segmentDecryptingName(segment.sequence))
    try {
      await decryptFile(part, decrypting, key, segmentIv(segment.key.iv, segment.sequence))
      await checkTransportStream(decrypting, segment.uri)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'KeyUnavailable') throw error
      await fs.rm(part, { force: true })
      await fs.rm(decrypting, { force: true })
      segment.received = 0
      segment.size = null
      throw new AppError(
        'KeyUnavailable',
        `${describeSegment(segment, context.segmentCount)} does not decrypt with the key the playlist names`,
      )
    }
    await renameInto(decrypting, final)
    await fs.rm(part, { force: true })
  } else {
    await renameInto(part, final)
  }
  segment.done = true
  segment.size ??= segment.received
}

export interface ReconcileRecorder {
  markDone(segment: SegmentWork): void
  markPending(segment: SegmentWork): void
}

/**
 * Squares stored progress with the disk after a restart or crash. The rename is the commit: a
 * `<sequence>.ts` that exists is done (even if the process died before recording it); a
 * recorded one that is gone is fetched again; an unfinished segment resumes from the smaller of
 * its checkpoint and its part file.
 */
export async function reconcileWithDisk(
  segments: readonly SegmentWork[],
  partsPath: string,
  recorder: ReconcileRecorder,
): Promise<void> {
  for (const segment of segments) {
    const committed = await fileSize(join(partsPath, segmentFileName(segment.sequence)))
    if (committed !== undefined) {
      if (!segment.done) {
        segment.done = true
        segment.size ??= committed
        recorder.markDone(segment)
      }
      continue
    }
    if (segment.done) {
      segment.done = false
      segment.received = 0
      recorder.markPending(segment)
    }
    const partial = await fileSize(join(partsPath, segmentPartName(segment.sequence)))
    segment.received = Math.min(segment.received, partial ?? 0)
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await fs.stat(path)).size
  } catch {
    return undefined
  }
}

async function renameInto(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to)
  } catch (error) {
    throw toFileError(error, to)
  }
}

/** A decrypted `.ts` segment starts with the MPEG-TS sync byte; anything else means a wrong key. */
async function checkTransportStream(path: string, uri: string): Promise<void> {
  if (!new URL(uri).pathname.toLowerCase().endsWith('.ts')) return
  const handle = await fs.open(path, 'r')
  try {
    const first = Buffer.alloc(1)
    const { bytesRead } = await handle.read(first, 0, 1, 0)
    if (bytesRead === 1 && first[0] !== transportStreamSync) {
      throw new AppError('KeyUnavailable', 'the decrypted segment is not MPEG-TS')
    }
  } finally {
    await handle.close()
  }
}
