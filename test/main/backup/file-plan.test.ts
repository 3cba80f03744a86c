import { describe, expect, it } from 'vitest'
import type { ManifestFile } from '../../../src/main/database/backup-manifest-repository'
import { defaultBackupTemplate } from '../../../src/main/backup/backup-layout'
import {
  decideFiles,
  decideKnownFiles,
  identityChanged,
  onDiskPath,
  type FilePlanContext,
} from '../../../src/main/backup/file-plan'
import type { ListedFile } from '../../../src/main/backup/plan-types'

const folder = 'News/Launch [v1]'

function listedFile(overrides: Partial<ListedFile> = {}): ListedFile {
  return {
    reference: { mediaId: 'v1', mediaType: 'video', kind: 'source', outputType: 'cdn' },
    kind: 'source',
    selector: 'source',
    ext: 'mp4',
    definition: null,
    format: null,
    addressType: 'cdn',
    downloadable: true,
    reason: null,
    size: 100,
    md5: 'aa',
    crc64: null,
    version: '2026-01-01T00:00:00Z',
    ...overrides,
  }
}

function localFile(overrides: Partial<ManifestFile> = {}): ManifestFile {
  return {
    mediaId: 'v1',
    selector: 'source',
    kind: 'source',
    reference: { mediaId: 'v1', mediaType: 'video', kind: 'source', outputType: 'cdn' },
    size: 100,
    md5: 'aa',
    crc64: null,
    version: '2026-01-01T00:00:00Z',
    localPath: `${folder}/source.mp4`,
    addressType: 'cdn',
    downloadedAt: 1,
    verifiedAt: 1,
    ...overrides,
  }
}

const context: FilePlanContext = {
  template: defaultBackupTemplate,
  item: {
    mediaId: 'v1',
    mediaType: 'video',
    title: 'Launch',
    categoryName: 'News',
    creationTime: null,
  },
  kinds: ['source', 'rendition'],
  unlistedKinds: new Set(),
  local: new Map(),
  deleteGone: false,
}

describe('decideFiles', () => {
  it('keeps an unchanged file where it is, and downloads one the copy lacks', () => {
    const rendition = listedFile({
      kind: 'rendition',
      selector: 'rendition-HD',
      format: 'mp4',
      definition: 'HD',
      version: 'job-1',
      md5: null,
    })
    const rows = decideFiles([listedFile(), rendition], [localFile()], context)
    expect(rows.map((row) => [row.selector, row.decision, row.action, row.localPath])).toEqual([
      ['source', 'unchanged', 'keep', `${folder}/source.mp4`],
      ['rendition-HD', 'new', 'download', `${folder}/rendition-HD.mp4`],
    ])
  })

  it('downloads a new version over the old one (re-upload, new transcode)', () => {
    const rows = decideFiles([listedFile({ version: 'later', size: 200 })], [localFile()], context)
    expect(rows[0]).toMatchObject({
      decision: 'changed',
      action: 'download',
      previousPath: `${folder}/source.mp4`,
    })
    expect(identityChanged(localFile(), listedFile({ md5: null, crc64: null }))).toBe(false)
    expect(identityChanged(localFile(), listedFile({ md5: 'bb' }))).toBe(true)
  })

  it('moves a file whose title changed, and repairs a missing or wrong copy', () => {
    const renamed = { ...context, item: { ...context.item, title: 'Launch 2' } }
    expect(decideFiles([listedFile()], [localFile()], renamed)[0]).toMatchObject({
      decision: 'unchanged',
      action: 'move',
      previousPath: `${folder}/source.mp4`,
      localPath: 'News/Launch 2 [v1]/source.mp4',
    })
    const wrong = { ...context, local: new Map([['source', 'wrong' as const]]) }
    expect(decideFiles([listedFile()], [localFile()], wrong)[0]).toMatchObject({
      decision: 'repair',
      action: 'download',
      previousPath: `${folder}/source.mp4`,
    })
  })

  it('reports archived and encrypted files instead of downloading them', () => {
    const rows = decideFiles(
      [
        listedFile({ downloadable: false, reason: 'Archived' }),
        listedFile({
          kind: 'rendition',
          selector: 'rendition-HD-m3u8',
          downloadable: false,
          reason: 'ProprietaryEncryption',
        }),
      ],
      [],
      context,
    )
    expect(rows.map((row) => [row.decision, row.action])).toEqual([
      ['needs-restore', 'skip'],
      ['unavailable', 'skip'],
    ])
    // A copy already on disk stays, even while the source is archived.
    const kept = decideFiles(
      [listedFile({ downloadable: false, reason: 'Archived' })],
      [localFile()],
      context,
    )
    expect(kept[0]).toMatchObject({ decision: 'unchanged', action: 'keep' })
  })

  it('reports files gone from VOD, trashes them with --delete, and leaves unlisted parts alone', () => {
    const rendition = localFile({ selector: 'rendition-HD', kind: 'rendition' })
    expect(decideFiles([listedFile()], [localFile(), rendition], context)[1]).toMatchObject({
      selector: 'rendition-HD',
      decision: 'deleted',
      action: 'keep',
    })
    expect(
      decideFiles([listedFile()], [localFile(), rendition], { ...context, deleteGone: true })[1],
    ).toMatchObject({ decision: 'deleted', action: 'trash' })
    const transcoding = { ...context, unlistedKinds: new Set(['rendition' as const]) }
    expect(decideFiles([listedFile()], [localFile(), rendition], transcoding)).toHaveLength(1)
    const otherKinds = { ...context, kinds: ['source' as const] }
    expect(decideFiles([listedFile()], [localFile(), rendition], otherKinds)).toHaveLength(1)
  })
})

describe('decideKnownFiles', () => {
  it('plans moves after a rename and repairs without any API call', () => {
    const renamed = {
      ...context,
      item: { ...context.item, title: 'Renamed' },
      local: new Map([['cover', 'missing' as const]]),
    }
    const cover = localFile({
      selector: 'cover',
      kind: 'cover',
      localPath: `${folder}/cover.jpg`,
      reference: { mediaId: 'v1', mediaType: 'video', kind: 'cover', outputType: 'cdn' },
    })
    const rows = decideKnownFiles([localFile(), cover], { ...renamed, kinds: ['source', 'cover'] })
    expect(rows.map((row) => [row.selector, row.decision, row.action, row.localPath])).toEqual([
      ['source', 'unchanged', 'move', 'News/Renamed [v1]/source.mp4'],
      ['cover', 'repair', 'download', 'News/Renamed [v1]/cover.jpg'],
    ])
    expect(decideKnownFiles([localFile()], context)).toEqual([])
  })

  it('knows an HLS rendition by the MP4 or folder the engine made of it', () => {
    expect(onDiskPath('a/rendition-SD-m3u8.m3u8', 'm3u8', null)).toBe('a/rendition-SD-m3u8.mp4')
    expect(onDiskPath('a/rendition-SD-m3u8.m3u8', 'm3u8', 'b/rendition-SD-m3u8')).toBe(
      'a/rendition-SD-m3u8',
    )
    expect(onDiskPath('a/source.mp4', null, null)).toBe('a/source.mp4')
  })
})
