import { describe, expect, it } from 'vitest'
import type { DownloadableFile } from '../../../src/shared/contract'
import type { VodFileKind } from '../../../src/shared/vod'
import {
  partsForKinds,
  partsForSelection,
  selectForBatch,
  summarizeBatch,
} from '../../../src/main/services/batch-selection'
import type { CatalogueEntry } from '../../../src/main/services/media-catalogue'
import type { DownloadableFile as VodDownloadableFile } from '../../../src/main/vod/downloadable-files'

function entry(kind: VodFileKind, fields: Partial<VodDownloadableFile> = {}): CatalogueEntry {
  const listed: VodDownloadableFile = {
    reference: { mediaId: 'm', mediaType: 'video', kind, outputType: 'cdn' },
    kind,
    label: kind,
    encryption: 'none',
    downloadable: true,
    suggestedName: `${kind}.bin`,
    addressType: 'cdn',
    forcedOss: false,
    addressTypeSelectable: true,
    ...fields,
  }
  return { listed, file: { suggestedName: listed.suggestedName } as DownloadableFile }
}

const video = [
  entry('source', { size: 1000 }),
  entry('rendition', { definition: 'HD', format: 'mp4', status: 'Normal', size: 300 }),
  entry('rendition', { definition: 'HD', format: 'mp4', status: 'Invisible', size: 290 }),
  entry('rendition', { definition: 'SD', format: 'm3u8', status: 'Normal', size: 200 }),
  entry('rendition', {
    definition: 'HD',
    format: 'm3u8',
    downloadable: false,
    reason: 'ProprietaryEncryption',
  }),
  entry('cover'),
  entry('snapshot', {
    reference: { mediaId: 'm', mediaType: 'video', kind: 'snapshot', outputType: 'cdn', index: 1 },
  }),
  entry('sprite'),
]

function kinds(entries: readonly CatalogueEntry[]): string[] {
  return entries.map(
    (item) =>
      `${item.listed.kind}${item.listed.definition ? `:${item.listed.definition}.${item.listed.format}` : ''}`,
  )
}

describe('batch selection', () => {
  it('takes the source, current renditions narrowed by definition and format, or snapshots', () => {
    expect(kinds(selectForBatch(video, { mediaType: 'video', selection: 'source' }))).toEqual([
      'source',
    ])
    expect(kinds(selectForBatch(video, { mediaType: 'video', selection: 'rendition' }))).toEqual([
      'rendition:HD.mp4',
      'rendition:SD.m3u8',
    ])
    expect(
      kinds(
        selectForBatch(video, {
          mediaType: 'video',
          selection: 'rendition',
          definition: 'hd',
          format: 'MP4',
        }),
      ),
    ).toEqual(['rendition:HD.mp4'])
    expect(kinds(selectForBatch(video, { mediaType: 'video', selection: 'snapshots' }))).toEqual([
      'snapshot',
    ])
    expect(selectForBatch(video, { mediaType: 'video', selection: 'all' })).toHaveLength(7)
  })

  it('treats an image original as its source', () => {
    const image = [entry('image'), entry('image-original')]
    expect(kinds(selectForBatch(image, { mediaType: 'image', selection: 'source' }))).toEqual([
      'image-original',
    ])
    expect(
      kinds(selectForBatch([entry('image')], { mediaType: 'image', selection: 'source' })),
    ).toEqual(['image'])
    expect(kinds(selectForBatch(image, { mediaType: 'image', selection: 'rendition' }))).toEqual([
      'image',
    ])
    expect(selectForBatch(image, { mediaType: 'image', selection: 'snapshots' })).toEqual([])
  })

  it('asks only for the parts a selection needs', () => {
    expect(partsForSelection('source')).toEqual({
      source: true,
      renditions: false,
      snapshots: false,
    })
    expect(partsForSelection('all')).toEqual({ source: true, renditions: true, snapshots: true })
    expect(partsForKinds(['rendition', 'cover'])).toEqual({
      source: false,
      renditions: true,
      snapshots: true,
    })
    expect(partsForKinds(['image'])).toEqual({ source: false, renditions: false, snapshots: false })
  })

  it('sums sizes, counts unknown sizes and skipped media', () => {
    const rendition = selectForBatch(video, { mediaType: 'video', selection: 'rendition' })
    const snapshots = selectForBatch(video, { mediaType: 'video', selection: 'snapshots' })
    expect(summarizeBatch(4, [rendition, snapshots, []], 1)).toEqual({
      mediaCount: 4,
      count: 3,
      totalBytes: 500,
      unknownSizes: 1,
      skippedMedia: 2,
    })
  })
})
