import type { HlsSegmentRecord } from '../database/hls-segment-repository'
import type { MediaPlaylistPlan, PlaylistSegment } from './media-playlist'

/**
 * Pure bookkeeping of an HLS job's segments: the plan made from the first playlist, mapping a
 * later playlist onto it by media sequence number (addresses change when a URL is renewed, the
 * segments must not), byte totals, and the "no holes" check before anything is published.
 */

/** A segment's stored progress plus where and how the latest playlist says to fetch it. */
export type MappedSegment<Progress> = Progress &
  Pick<PlaylistSegment, 'uri' | 'key' | 'duration' | 'discontinuity'>

export type SegmentMapping<Progress> =
  | { kind: 'mapped'; segments: Array<MappedSegment<Progress>> }
  /** The playlist no longer describes the segments being downloaded (a re-transcode). */
  | { kind: 'changed'; detail: string }

/** The segment rows of a job that starts now: nothing received, nothing done. */
export function planSegments(playlist: MediaPlaylistPlan): HlsSegmentRecord[] {
  return playlist.segments.map((segment) => ({
    sequence: segment.sequence,
    position: segment.position,
    size: null,
    received: 0,
    done: false,
  }))
}

/**
 * Lays a freshly fetched playlist over the segments already planned, matching them by media
 * sequence number and keeping each one's progress. A playlist with other segments (another
 * count, a sequence number missing or moved) is a different stream: the caller starts over.
 */
export function mapBySequence<Progress extends { sequence: number; position: number }>(
  planned: readonly Progress[],
  playlist: MediaPlaylistPlan,
): SegmentMapping<Progress> {
  if (planned.length !== playlist.segments.length) {
    return {
      kind: 'changed',
      detail: `the playlist now lists ${playlist.segments.length} segments, ${planned.length} were planned`,
    }
  }
  const bySequence = new Map(playlist.segments.map((segment) => [segment.sequence, segment]))
  const segments: Array<MappedSegment<Progress>> = []
  for (const segment of planned) {
    const listed = bySequence.get(segment.sequence)
    if (!listed || listed.position !== segment.position) {
      return {
        kind: 'changed',
        detail: `the playlist no longer lists media sequence ${segment.sequence} at index ${segment.position}`,
      }
    }
    segments.push({
      ...segment,
      uri: listed.uri,
      key: listed.key,
      duration: listed.duration,
      discontinuity: listed.discontinuity,
    })
  }
  return { kind: 'mapped', segments }
}

/** Bytes a job holds: whole committed segments plus what unfinished ones received. */
export function heldBytes(
  segments: ReadonlyArray<Pick<HlsSegmentRecord, 'size' | 'received' | 'done'>>,
): number {
  let total = 0
  for (const segment of segments) {
    total += segment.done ? (segment.size ?? segment.received) : segment.received
  }
  return total
}

/**
 * The job's size: exact once every segment's size is known, else the size the source reported
 * (the VOD API gives the sum of the segments), else unknown.
 */
export function totalBytes(
  segments: ReadonlyArray<Pick<HlsSegmentRecord, 'size'>>,
  reported: number | null,
): number | null {
  let sum = 0
  for (const segment of segments) {
    if (segment.size === null) return reported
    sum += segment.size
  }
  return sum
}

/** Names a segment the way people count them and the way the playlist does. */
export function describeSegment(
  segment: Pick<HlsSegmentRecord, 'sequence' | 'position'>,
  count: number,
): string {
  return `segment index ${segment.position} (${segment.position + 1} of ${count}, media sequence ${segment.sequence})`
}

/**
 * Why the download must not be published yet, or undefined when it is whole: the playlist must
 * be complete (`#EXT-X-ENDLIST`), list the number of segments planned at the start, and every one
 * of them must be committed.
 */
export function completenessProblem(
  segments: ReadonlyArray<Pick<HlsSegmentRecord, 'sequence' | 'position' | 'done'>>,
  playlist: Pick<MediaPlaylistPlan, 'endList' | 'segments'>,
  plannedCount: number | null,
): string | undefined {
  if (!playlist.endList) return 'the playlist has no #EXT-X-ENDLIST (it is not complete)'
  const expected = plannedCount ?? segments.length
  if (playlist.segments.length !== expected || segments.length !== expected) {
    return `expected ${expected} segments, the playlist lists ${playlist.segments.length} and ${segments.length} are planned`
  }
  const missing = segments.find((segment) => !segment.done)
  if (missing) return `${describeSegment(missing, expected)} is missing`
  return undefined
}
