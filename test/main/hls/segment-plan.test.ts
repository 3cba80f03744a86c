import { describe, expect, it } from 'vitest'
import type { MediaPlaylistPlan, PlaylistSegment } from '../../../src/main/hls/media-playlist'
import {
  completenessProblem,
  heldBytes,
  mapBySequence,
  planSegments,
  totalBytes,
} from '../../../src/main/hls/segment-plan'

function playlist(sequences: number[], prefix: string, endList = true): MediaPlaylistPlan {
  return {
    kind: 'media',
    targetDuration: 2,
    endList,
    segments: sequences.map((sequence, position): PlaylistSegment => ({
      sequence,
      position,
      uri: `https://cdn.example.com/${prefix}/${sequence}.ts`,
      duration: 2,
      discontinuity: false,
      key: undefined,
    })),
  }
}

describe('segment plan', () => {
  it('plans every listed segment as not started', () => {
    expect(planSegments(playlist([5, 6], 'a'))).toEqual([
      { sequence: 5, position: 0, size: null, received: 0, done: false },
      { sequence: 6, position: 1, size: null, received: 0, done: false },
    ])
  })

  it('maps a renewed playlist by sequence number, keeping progress and taking the new addresses', () => {
    const planned = [
      { sequence: 5, position: 0, size: 100, received: 100, done: true },
      { sequence: 6, position: 1, size: 90, received: 30, done: false },
    ]
    const mapping = mapBySequence(planned, playlist([5, 6], 'renewed'))
    expect(mapping).toEqual({
      kind: 'mapped',
      segments: [
        {
          ...planned[0],
          uri: 'https://cdn.example.com/renewed/5.ts',
          key: undefined,
          duration: 2,
          discontinuity: false,
        },
        {
          ...planned[1],
          uri: 'https://cdn.example.com/renewed/6.ts',
          key: undefined,
          duration: 2,
          discontinuity: false,
        },
      ],
    })
  })

  it('treats other segments as another stream', () => {
    const planned = planSegments(playlist([5, 6], 'a'))
    expect(mapBySequence(planned, playlist([5, 6, 7], 'b')).kind).toBe('changed')
    const shifted = mapBySequence(planned, playlist([6, 7], 'b'))
    expect(shifted).toEqual({
      kind: 'changed',
      detail: 'the playlist no longer lists media sequence 5 at index 0',
    })
  })

  it('counts held bytes and knows the total once every size is', () => {
    const segments = [
      { size: 100, received: 100, done: true },
      { size: null, received: 40, done: false },
    ]
    expect(heldBytes(segments)).toBe(140)
    expect(totalBytes(segments, 500)).toBe(500)
    expect(totalBytes([{ size: 100 }, { size: 90 }], 500)).toBe(190)
    expect(totalBytes([{ size: null }], null)).toBeNull()
  })

  it('finds holes: no #EXT-X-ENDLIST, another count, or a segment not committed, by its index', () => {
    const plan = playlist([5, 6, 7], 'a')
    const done = planSegments(plan).map((segment) => ({ ...segment, done: true }))
    expect(completenessProblem(done, plan, 3)).toBeUndefined()
    expect(completenessProblem(done, playlist([5, 6, 7], 'a', false), 3)).toMatch(/ENDLIST/)
    expect(completenessProblem(done, plan, 4)).toMatch(/expected 4 segments/)
    const hole = done.map((segment) =>
      segment.sequence === 6 ? { ...segment, done: false } : segment,
    )
    expect(completenessProblem(hole, plan, 3)).toBe(
      'segment index 1 (2 of 3, media sequence 6) is missing',
    )
  })
})
