import { stringify, types } from 'hls-parser'
import { segmentFileName } from './output-paths'

/** What the local playlist needs to know of each segment. */
export interface LocalSegment {
  sequence: number
  duration: number
  discontinuity: boolean
}

/** The local playlist's file name inside the output folder. */
export const localPlaylistName = 'index.m3u8'

/**
 * The playlist saved next to the downloaded segments: relative `<sequence>.ts` entries with the
 * original durations and discontinuities, no key lines (the segments were decrypted before they
 * were committed) and `#EXT-X-ENDLIST`, so any player, or ffmpeg, plays it offline.
 */
export function localPlaylistText(segments: readonly LocalSegment[]): string {
  const longest = segments.reduce((most, segment) => Math.max(most, segment.duration), 0)
  const playlist = new types.MediaPlaylist({
    version: 3,
    // EXT-X-TARGETDURATION is a whole number no smaller than any rounded segment duration.
    targetDuration: Math.max(1, Math.round(longest)),
    mediaSequenceBase: segments[0]?.sequence ?? 0,
    playlistType: 'VOD',
    endlist: true,
    segments: segments.map(
      (segment) =>
        new types.Segment({
          uri: segmentFileName(segment.sequence),
          duration: segment.duration,
          mediaSequenceNumber: segment.sequence,
          discontinuity: segment.discontinuity,
          discontinuitySequence: 0,
        }),
    ),
  })
  return `${stringify(playlist)}\n`
}
