import { describe, expect, it } from 'vitest'
import { describeReference } from '../../../src/main/vod/reference-label'
import type { VodFileReference } from '../../../src/shared/vod'

const base = { mediaId: 'v1', mediaType: 'video', outputType: 'cdn' } as const

describe('describeReference', () => {
  it.each<[Omit<VodFileReference, 'mediaId' | 'mediaType' | 'outputType'>, string]>([
    [{ kind: 'source' }, 'v1 · source'],
    [{ kind: 'rendition', definition: 'HD', format: 'mp4', jobId: 'j' }, 'v1 · HD mp4'],
    [
      { kind: 'rendition', definition: 'HQ', format: 'mp3', streamType: 'audio' },
      'v1 · HQ mp3 audio',
    ],
    [{ kind: 'rendition' }, 'v1 · rendition'],
    [{ kind: 'cover' }, 'v1 · cover'],
    [{ kind: 'cover', index: 2 }, 'v1 · cover 2'],
    [{ kind: 'snapshot', index: 3 }, 'v1 · snapshot 3'],
    [{ kind: 'sprite-origin', index: 9 }, 'v1 · sprite-origin 9'],
    [{ kind: 'webvtt' }, 'v1 · webvtt'],
    [{ kind: 'image' }, 'v1 · image'],
    [{ kind: 'image-original' }, 'v1 · original image'],
  ])('%j → %s', (selector, expected) => {
    expect(describeReference({ ...base, ...selector })).toBe(expected)
  })
})
