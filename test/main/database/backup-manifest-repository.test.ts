import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  manifestPath,
  openBackupManifest,
  type BackupManifestRepository,
  type ManifestItem,
  type NewRunFile,
} from '../../../src/main/database/backup-manifest-repository'

let folder: string
let manifest: BackupManifestRepository | undefined

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vod-manifest-'))
})

afterEach(async () => {
  manifest?.close()
  manifest = undefined
  await rm(folder, { recursive: true, force: true })
})

function open(): BackupManifestRepository {
  manifest = openBackupManifest(folder)
  return manifest
}

function item(mediaId: string, overrides: Partial<ManifestItem> = {}): ManifestItem {
  return {
    mediaId,
    mediaType: 'video',
    title: mediaId,
    categoryId: 1,
    categoryName: 'News',
    creationTime: '2026-01-01T00:00:00Z',
    modificationTime: '2026-01-01T00:00:00Z',
    size: 10,
    status: 'Normal',
    storageClass: 'Standard',
    selection: 'source',
    sidecarPath: null,
    metadata: { tags: ['a'] },
    complete: true,
    syncedAt: 1,
    deletedAt: null,
    ...overrides,
  }
}

function plannedFile(mediaId: string, overrides: Partial<NewRunFile> = {}): NewRunFile {
  return {
    mediaId,
    selector: 'source',
    kind: 'source',
    decision: 'new',
    action: 'download',
    reference: { mediaId, mediaType: 'video', kind: 'source', outputType: 'cdn' },
    size: 100,
    md5: null,
    crc64: null,
    version: null,
    addressType: 'cdn',
    localPath: `${mediaId}/source.mp4`,
    previousPath: null,
    reason: null,
    ...overrides,
  }
}

describe('the backup manifest', () => {
  it('lives in the backup folder and belongs to one run at a time', () => {
    open()
    expect(existsSync(manifestPath(folder))).toBe(true)
    expect(() => openBackupManifest(folder)).toThrow(
      expect.objectContaining({ code: 'Busy' }) as Error,
    )
    manifest?.close()
    manifest = openBackupManifest(folder)
  })

  it('refuses a manifest written by a newer version', () => {
    open().close()
    const raw = new Database(manifestPath(folder))
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => openBackupManifest(folder)).toThrow(/newer version/)
  })

  it('keeps items and files and finds them by id', () => {
    const repository = open()
    repository.upsertItem(item('a'))
    repository.upsertItem(item('b', { title: 'B' }))
    repository.upsertFile({
      mediaId: 'a',
      selector: 'source',
      kind: 'source',
      reference: { mediaId: 'a', mediaType: 'video', kind: 'source', outputType: 'cdn' },
      size: 100,
      md5: 'aa',
      crc64: '12',
      version: 'v1',
      localPath: 'a/source.mp4',
      addressType: 'cdn',
      downloadedAt: 5,
      verifiedAt: 5,
    })
    expect([...repository.itemsByIds(['a', 'b', 'c']).keys()].sort()).toEqual(['a', 'b'])
    expect(repository.item('a')?.metadata).toEqual({ tags: ['a'] })
    expect(repository.filesOfItems(['a']).get('a')?.[0]).toMatchObject({
      crc64: '12',
      version: 'v1',
    })
    repository.moveFile('a', 'source', 'x/source.mp4')
    expect(repository.filesOfItem('a')[0]?.localPath).toBe('x/source.mp4')
    expect(repository.totals()).toEqual({ items: 2, files: 1, bytes: 100 })
    repository.forgetItem('a')
    expect(repository.totals()).toEqual({ items: 1, files: 0, bytes: 0 })
  })

  it('records a run page by page and continues the unfinished one', () => {
    const repository = open()
    const run = repository.startRun({ fingerprint: 'f', request: '{}', dryRun: false, now: 1 })
    repository.recordListedPage(
      run.id,
      [
        {
          item: { mediaId: 'a', mediaType: 'video', decision: 'new', listed: null },
          resolved: false,
        },
        {
          item: { mediaId: 'b', mediaType: 'video', decision: 'unchanged', listed: null },
          resolved: true,
        },
      ],
      [],
      '{"type":0,"from":"2026"}',
      2,
    )
    expect(repository.unfinishedRun(false)).toMatchObject({
      id: run.id,
      cursor: '{"type":0,"from":"2026"}',
    })
    expect(repository.unfinishedRun(true)).toBeUndefined()
    expect(repository.pendingRunItems(run.id, '', 10).map((entry) => entry.mediaId)).toEqual(['a'])
    repository.recordResolved(run.id, [{ mediaId: 'a', files: [plannedFile('a')] }])
    expect(repository.pendingRunItems(run.id, '', 10)).toEqual([])
    const [planned] = repository.runFiles(
      run.id,
      'download',
      'planned',
      { mediaId: '', selector: '' },
      10,
    )
    expect(planned).toMatchObject({ mediaId: 'a', localPath: 'a/source.mp4', state: 'planned' })
    repository.recordQueued(run.id, [{ mediaId: 'a', selector: 'source', jobId: 42 }])
    expect(repository.runFileOfJob(run.id, 42)?.state).toBe('queued')
    expect(repository.egressTallies(run.id)).toEqual([
      { addressType: 'cdn', files: 1, bytes: 100, unknownSizes: 0 },
    ])
    repository.finishRun(run.id, '{"done":true}', 3)
    expect(repository.unfinishedRun(false)).toBeUndefined()
    expect(repository.lastFinishedRun()?.summary).toBe('{"done":true}')
    expect(repository.pendingRunItems(run.id, '', 10)).toEqual([])
  })

  it('finds local items of a selection that a run did not list', () => {
    const repository = open()
    repository.upsertItem(item('a'))
    repository.upsertItem(item('b', { categoryId: 2 }))
    repository.upsertItem(item('c', { mediaType: 'image' }))
    repository.upsertItem(item('d', { creationTime: '2025-01-01T00:00:00Z' }))
    const run = repository.startRun({ fingerprint: 'f', request: '{}', dryRun: false, now: 1 })
    repository.recordListedPage(
      run.id,
      [
        {
          item: { mediaId: 'a', mediaType: 'video', decision: 'unchanged', listed: null },
          resolved: true,
        },
      ],
      [],
      '{}',
      2,
    )
    const ids = (scope: Parameters<BackupManifestRepository['unlistedItems']>[1]) =>
      repository.unlistedItems(run.id, scope, '', 10).map((entry) => entry.mediaId)
    expect(ids({ mediaTypes: ['video'] })).toEqual(['b', 'd'])
    expect(ids({ mediaTypes: ['video'], categoryIds: [1, 3] })).toEqual(['d'])
    expect(ids({ mediaTypes: ['video'], createdFrom: '2026-01-01T00:00:00Z' })).toEqual(['b'])
    expect(ids({ mediaTypes: ['video', 'image'] })).toEqual(['b', 'c', 'd'])
    // A dry run reports deleted items without marking them.
    repository.recordUnlisted(
      run.id,
      [
        {
          item: { mediaId: 'b', mediaType: 'video', decision: 'deleted', listed: null },
          files: [],
        },
      ],
      null,
    )
    expect(repository.item('b')?.deletedAt).toBeNull()
    repository.recordUnlisted(
      run.id,
      [
        {
          item: { mediaId: 'd', mediaType: 'video', decision: 'deleted', listed: null },
          files: [],
        },
      ],
      9,
    )
    expect(repository.item('d')?.deletedAt).toBe(9)
    expect(repository.itemTallies(run.id)).toEqual(
      new Map([
        ['unchanged', 1],
        ['deleted', 2],
      ]),
    )
  })
})
