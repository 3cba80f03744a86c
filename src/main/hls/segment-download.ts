import { join } from 'node:path'
import { AppError, transientErrorCodes } from '../../shared/errors'
import { backoffDelay } from '../common/backoff'
import { pumpBody } from '../engine/body-pump'
import { ConnectionRetries } from '../engine/connection-retries'
import type { Clock } from '../common/clock'
import type { HttpClient, OpenedResponse } from '../engine/http-client'
import { toNetworkError } from '../engine/http-client'
import type { Logger } from '../common/logger'
import { PartFile } from '../engine/part-file'
import type { TokenBucket } from '../engine/token-bucket'
import type { TransferSettings } from '../engine/job-transfer'
import type { SegmentKey } from './media-playlist'
import { segmentFileName, segmentPartName } from './output-paths'
import type { PlaylistSession } from './playlist-session'
import type { SegmentAddressBook } from './segment-addresses'
import { describeSegment } from './segment-plan'

/** One segment while a job runs: its progress and where the latest playlist says it is. */
export interface SegmentWork {
  sequence: number
  position: number
  uri: string
  key: SegmentKey | undefined
  duration: number
  discontinuity: boolean
  /** Bytes on the wire, once a response told us. */
  size: number | null
  /** Bytes written to `<sequence>.ts.part`. */
  received: number
  /** Committed by its rename (and decrypted first, when encrypted). */
  done: boolean
  /** A connection is working on it. */
  busy: boolean
  /** Its part file while a connection writes it, so checkpoints can flush it. */
  file: PartFile | undefined
}

export interface SegmentDownloadDependencies {
  http: HttpClient
  limiter: TokenBucket
  clock: Clock
  log: Logger
  settings: TransferSettings
  session: PlaylistSession
  /** How this job's segments are addressed (learned once per job). */
  addresses: SegmentAddressBook
  jobId: number
  /** The job's own headers, sent next to the lease's. */
  headers: Record<string, string>
  partsPath: string
  segmentCount: number
  onBytes(count: number): void
  /** A segment's size became known. */
  onSize(segment: SegmentWork): void
}

/**
 * A 404 is asked again this many times (the CDN may not have the segment yet) before the
 * segment counts as missing. Fewer than other failures: a missing object rarely comes back.
 */
const missingRetries = 2

export function isComplete(segment: Pick<SegmentWork, 'size' | 'received'>): boolean {
  return segment.size !== null && segment.received >= segment.size
}

/**
 * Downloads one segment into `<sequence>.ts.part`, resuming from what it holds with a Range
 * request, renewing the address when it is refused as expired, reconnecting after temporary
 * failures. Leaves the complete, flushed part file for the caller to commit. A segment the
 * server does not have fails with `NotFound`, naming its index: a stream is never saved with a
 * hole in it.
 */
export async function downloadSegment(
  segment: SegmentWork,
  dependencies: SegmentDownloadDependencies,
  signal: AbortSignal,
): Promise<void> {
  const { settings, clock, session, log, jobId } = dependencies
  const name = describeSegment(segment, dependencies.segmentCount)
  const file = await openPart(
    segment,
    join(dependencies.partsPath, segmentPartName(segment.sequence)),
  )
  segment.file = file
  try {
    const retries = new ConnectionRetries(
      settings.connectionRetries,
      settings.retryBaseMs,
      clock,
      signal,
    )
    let misses = 0
    while (!isComplete(segment)) {
      if (signal.aborted) throw signal.reason
      const before = segment.received
      try {
        const from = segment.received
        // At the address that works for this job (found by asking, see segment-addresses.ts):
        // refusals are dealt with there, so `denied` below is only a fallback.
        const { playlist, response, verdict } = await dependencies.addresses.open(
          segment,
          dependencies.segmentCount,
          from,
          signal,
        )
        switch (verdict.kind) {
          case 'accept':
            adoptSize(segment, verdict.total, response, dependencies)
            await pump(segment, file, response, dependencies, signal)
            // A body without a length ended: that was the whole segment.
            if (verdict.total === null) segment.size = segment.received
            break
          case 'ranges-ignored':
            // The whole segment came back: start it over from this response.
            log.info(`job ${jobId}: ${name}: the server ignores Range; fetching it whole`)
            segment.received = 0
            await file.allocate(0)
            adoptSize(segment, verdict.total, response, dependencies)
            await pump(segment, file, response, dependencies, signal)
            if (verdict.total === null) segment.size = segment.received
            break
          case 'not-satisfiable':
            response.destroy()
            if (verdict.total !== null && from === verdict.total) {
              adoptSize(segment, verdict.total, response, dependencies)
              break
            }
            throw new AppError('ContentChanged', `${name}: the server answered 416`)
          case 'denied':
            await session.renewAfterRefusal(response, playlist.lease, verdict)
            continue
          case 'error':
            if (verdict.code === 'ErrorPage') {
              await session.renewAfterRefusal(response, playlist.lease, verdict)
              continue
            }
            response.destroy()
            if (verdict.code === 'NotFound') {
              misses += 1
              if (misses > missingRetries) {
                throw new AppError('NotFound', `HLS ${name} is missing on the server (HTTP 404)`)
              }
              log.info(`job ${jobId}: ${name}: HTTP 404; asking again (${misses})`)
              await clock.sleep(backoffDelay(misses, { baseMs: settings.retryBaseMs }), signal)
              continue
            }
            throw new AppError(verdict.code, `${name}: ${verdict.detail}`)
        }
      } catch (error) {
        if (signal.aborted) throw signal.reason
        const appError = error instanceof AppError ? error : toNetworkError(error)
        if (!transientErrorCodes.has(appError.code)) throw appError
        if (segment.received > before) {
          retries.progressed()
          continue
        }
        const attempt = await retries.failed(appError)
        log.info(`job ${jobId}: ${name} failed (${appError.message}); retry ${attempt}`)
        continue
      }
      if (segment.received === before && !isComplete(segment)) {
        // The server ended the body early without sending anything: count it like a failure.
        await retries.failed(
          new AppError('NetworkError', `${name}: the server keeps closing the connection`),
        )
      } else if (segment.received > before) {
        retries.progressed()
      }
    }
    await file.flush()
  } finally {
    segment.file = undefined
    await file.close()
  }
}

/** Opens the part file at the segment's resume point (created empty for a fresh segment). */
async function openPart(segment: SegmentWork, path: string): Promise<PartFile> {
  if (segment.received > 0) {
    try {
      const file = await PartFile.open(path, 'existing')
      // Bytes past the last checkpoint may not have reached the disk: they are fetched again.
      await file.allocate(segment.received)
      return file
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FileMissing') throw error
      segment.received = 0
    }
  }
  return PartFile.open(path, 'replace')
}

/** Records the segment's size from a response; a different size means different content. */
function adoptSize(
  segment: SegmentWork,
  total: number | null,
  response: OpenedResponse,
  dependencies: SegmentDownloadDependencies,
): void {
  if (total === null) return
  if (segment.size !== null && segment.size !== total) {
    response.destroy()
    throw new AppError(
      'ContentChanged',
      `${describeSegment(segment, dependencies.segmentCount)} was ${segment.size} bytes, now ${total}`,
    )
  }
  if (segment.size === null) {
    segment.size = total
    dependencies.onSize(segment)
  }
}

/** Streams a response body to the end of the segment's part file (see `pumpBody`). */
async function pump(
  segment: SegmentWork,
  file: PartFile,
  response: OpenedResponse,
  dependencies: SegmentDownloadDependencies,
  signal: AbortSignal,
): Promise<void> {
  const { settings, limiter, session } = dependencies
  await pumpBody(
    response,
    {
      sink: file,
      start: segment.received,
      end: () => segment.size ?? Infinity,
      endsWithBody: () => true,
      sniffAs: segmentFileName(segment.sequence),
      onWritten: (_buffers, count) => {
        segment.received += count
        session.noteProgress()
        dependencies.onBytes(count)
      },
    },
    { settings, limiter, signal },
  )
}
