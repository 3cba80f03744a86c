import { AppError } from '../../shared/errors'
import type { OpenedResponse } from './http-client'
import type { ByteSink } from './memory-file'
import { sharedNetworkBufferReclaim, type NetworkBufferReclaim } from './network-buffer-reclaim'
import { looksLikeErrorPage } from './response-check'
import { sharedStallWatch, type StallWatch } from './stall-watch'
import type { TokenBucket } from './token-bucket'

/** The settings the pump reads (a part of `TransferSettings`). */
export interface PumpSettings {
  /** A response that sends nothing for this long is dropped. */
  stallTimeoutMs: number
  /** Bytes gathered before one positional write (fewer system calls than one per chunk). */
  writeBatchBytes: number
  /** The most a response without a stated length may send. */
  maxUnknownLengthBytes: number
}

/** Where one response's body goes, and what the caller learns as it is written. */
export interface PumpTarget {
  sink: ByteSink
  /** Position in the sink of the response's first byte. */
  start: number
  /**
   * The position the body must not cross, read again for every chunk: work stealing may move
   * a segment's end closer while its connection reads. `Infinity` when the length is unknown.
   */
  end(): number
  /** Whether the body ends at `end()` anyway (the object's end): read on so the socket is reused. */
  endsWithBody(): boolean
  /** The file name the error-page sniffing judges the first chunk by; only for byte 0. */
  sniffAs: string | undefined
  /** Bytes read but not written yet: work stealing must not cut below them. */
  onPending?(bytes: number): void
  /** `count` bytes from `position` are in the sink, in order; `buffers` hold them (and maybe more). */
  onWritten(buffers: readonly Buffer[], count: number, position: number): void
}

export interface PumpContext {
  settings: PumpSettings
  limiter: TokenBucket
  signal: AbortSignal
  /** Notices a response that stopped sending (default: the process's shared watch). */
  stalls?: StallWatch
  /** Frees written network buffers early (default: the process's shared reclaim). */
  reclaim?: NetworkBufferReclaim
}

/**
 * Streams a response body into a sink, for a file's segment and for an HLS segment alike:
 * the stall watchdog, the speed limit, sniffing an error page sent as data, refusing an endless
 * body, and batched positional writes. The next batch is gathered while the previous one is
 * written (one write in flight), so the disk and the network overlap. Bytes received before a
 * failure are written and reported before the error goes up: they are good and are kept.
 * Returns how many bytes were written.
 */
export async function pumpBody(
  response: OpenedResponse,
  target: PumpTarget,
  context: PumpContext,
): Promise<number> {
  const { settings, limiter, signal } = context
  let batch: Buffer[] = []
  let batchBytes = 0
  /** Where the next batch goes: past everything handed to the sink so far. */
  let position = target.start
  let written = 0
  let writing: Promise<void> | undefined
  let sniff = target.sniffAs !== undefined && target.start === 0
  const reclaim = context.reclaim ?? sharedNetworkBufferReclaim()
  const watchdog = (context.stalls ?? sharedStallWatch).watch(settings.stallTimeoutMs, () => {
    response.destroy(
      new AppError('Timeout', `no data for ${Math.round(settings.stallTimeoutMs / 1000)} s`),
    )
  })

  const write = (buffers: Buffer[], count: number, at: number): Promise<void> =>
    target.sink.write(buffers, at).then(() => {
      written += count
      target.onWritten(buffers, count, at)
    })
  /** Hands the batch to the sink behind the write in flight; waits only for that earlier one. */
  const flush = async (): Promise<void> => {
    if (batchBytes === 0) return
    const buffers = batch
    const count = batchBytes
    const at = position
    batch = []
    batchBytes = 0
    position += count
    const previous = writing
    if (previous) await previous
    writing = write(buffers, count, at)
  }
  const drain = async (): Promise<void> => {
    await flush()
    await writing
    writing = undefined
  }

  try {
    for await (const data of response.body) {
      watchdog.touch()
      let chunk = data as Buffer
      reclaim.note(chunk.length)
      if (sniff) {
        sniff = false
        if (looksLikeErrorPage(chunk, target.sniffAs)) {
          throw new AppError('ErrorPage', 'the body is an HTML or XML document')
        }
      }
      await limiter.take(chunk.length, signal)
      const end = target.end()
      const room = end - (position + batchBytes)
      if (room <= 0) break
      const last = chunk.length >= room
      if (chunk.length > room) chunk = chunk.subarray(0, room)
      batch.push(chunk)
      batchBytes += chunk.length
      if (end === Infinity) checkLength(position + batchBytes, settings)
      target.onPending?.(position + batchBytes - target.start - written)
      if (last || batchBytes >= settings.writeBatchBytes) await flush()
      // At the object's end the response ends by itself: reading on lets the socket go back to
      // the keep-alive pool. A segment cut short by work stealing stops here.
      if (last && !target.endsWithBody()) break
    }
    await drain()
  } catch (error) {
    // Bytes already received and validated are good even when the connection broke: keep them.
    await drain().catch(() => undefined)
    throw error
  } finally {
    watchdog.stop()
    target.onPending?.(0)
    if (!response.body.readableEnded) response.destroy()
  }
  return written
}

/** Refuses a body without a stated length once it has sent more than the setting allows. */
export function checkLength(received: number, settings: PumpSettings): void {
  if (received > settings.maxUnknownLengthBytes) {
    throw new AppError(
      'BodyTooLarge',
      `more than ${settings.maxUnknownLengthBytes} bytes without a Content-Length`,
    )
  }
}
