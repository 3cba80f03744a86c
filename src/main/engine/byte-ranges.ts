/**
 * Pure planning of a file's byte ranges (the engine's segments; HLS media segments are planned in
 * src/main/hls/segment-plan.ts). A segment is [start, end) with `done` bytes already on disk from
 * `start`; its next byte to fetch is start + done.
 */
export interface Range {
  start: number
  end: number
  done: number
}

/** Bytes a segment still needs. */
export function remaining(segment: Range): number {
  return segment.end - segment.start - segment.done
}

/**
 * How many connections a file of `totalBytes` deserves: small files get one (a second
 * connection costs a round-trip and gains nothing), large ones up to `maxConnections`, never
 * more than there are pieces of `minPieceBytes`.
 */
export function connectionsFor(
  totalBytes: number,
  maxConnections: number,
  minPieceBytes: number,
): number {
  if (totalBytes < 2 * minPieceBytes) return 1
  return Math.max(1, Math.min(maxConnections, Math.floor(totalBytes / minPieceBytes)))
}

/** Splits [0, totalBytes) into `count` nearly equal segments (the first ones one byte longer). */
export function planByteRanges(totalBytes: number, count: number): Range[] {
  const pieces = Math.max(1, Math.min(count, totalBytes))
  const base = Math.floor(totalBytes / pieces)
  const extra = totalBytes % pieces
  const segments: Range[] = []
  let start = 0
  for (let index = 0; index < pieces; index++) {
    const length = base + (index < extra ? 1 : 0)
    segments.push({ start, end: start + length, done: 0 })
    start += length
  }
  if (totalBytes === 0) return [{ start: 0, end: 0, done: 0 }]
  return segments
}

export interface Split {
  /** The segment to shorten: its new end is `at`. */
  victim: number
  /** The offset where the new segment starts (and the victim now ends). */
  at: number
}

/**
 * Work stealing: when a connection frees up, cut the segment with the most bytes left in two and
 * give the back half to the free connection, so no single slow connection is left alone with a
 * big tail ("stuck at 99 %"). Only worth it when both halves stay at least `minPieceBytes`.
 * `alignBytes` keeps cut points on tidy boundaries (fewer partial disk pages).
 */
export function chooseSplit(
  segments: readonly Range[],
  minPieceBytes: number,
  alignBytes = 64 * 1024,
): Split | undefined {
  let best = -1
  let bestRemaining = 0
  segments.forEach((segment, index) => {
    const left = remaining(segment)
    if (left > bestRemaining) {
      best = index
      bestRemaining = left
    }
  })
  if (best < 0 || bestRemaining < 2 * minPieceBytes) return undefined
  const segment = segments[best]
  if (!segment) return undefined
  const cursor = segment.start + segment.done
  let at = cursor + Math.ceil(bestRemaining / 2)
  const aligned = Math.ceil(at / alignBytes) * alignBytes
  if (aligned - cursor >= minPieceBytes && segment.end - aligned >= minPieceBytes) at = aligned
  return { victim: best, at }
}

/** Total bytes on disk according to the segments. */
export function doneBytes(segments: readonly Range[]): number {
  let total = 0
  for (const segment of segments) total += segment.done
  return total
}

/**
 * Checks that segments tile [0, totalBytes) exactly with no overlap and no hole, and that no
 * segment claims more than its length. A database that fails this is not trusted (restart).
 */
export function rangesAreConsistent(segments: readonly Range[], totalBytes: number): boolean {
  const sorted = [...segments].sort((first, second) => first.start - second.start)
  let expected = 0
  for (const segment of sorted) {
    if (segment.start !== expected) return false
    if (segment.end < segment.start) return false
    if (segment.done < 0 || segment.done > segment.end - segment.start) return false
    expected = segment.end
  }
  return expected === totalBytes
}
