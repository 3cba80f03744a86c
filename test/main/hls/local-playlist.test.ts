import { parse, type types } from 'hls-parser'
import { describe, expect, it } from 'vitest'
import { localPlaylistText } from '../../../src/main/hls/local-playlist'

describe('localPlaylistText', () => {
  it('lists the committed segments by relative name, with durations, discontinuities and the end', () => {
    const text = localPlaylistText([
      { sequence: 12, duration: 6.006, discontinuity: false },
      { sequence: 13, duration: 5.5, discontinuity: false },
      { sequence: 14, duration: 2, discontinuity: true },
    ])
    expect(text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-TARGETDURATION:6',
        '#EXT-X-MEDIA-SEQUENCE:12',
        '#EXT-X-PLAYLIST-TYPE:VOD',
        '#EXTINF:6.006,',
        '12.ts',
        '#EXTINF:5.5,',
        '13.ts',
        '#EXT-X-DISCONTINUITY',
        '#EXTINF:2,',
        '14.ts',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    )
    const reread = parse(text) as types.MediaPlaylist
    expect(reread.endlist).toBe(true)
    expect(reread.segments.map((segment) => segment.uri)).toEqual(['12.ts', '13.ts', '14.ts'])
    expect(reread.segments.some((segment) => segment.key)).toBe(false)
  })
})
