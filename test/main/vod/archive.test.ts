import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import type { VodFileReference } from '../../../src/shared/vod'
import { SourceNotReady } from '../../../src/main/engine/source'
import type { RestoreMediaRequest } from '../../../src/main/vod/actions/restore-media'
import {
  archiveReason,
  firstRestoreCheckMs,
  longestRestoreCheckMs,
  nextRestoreCheck,
  sourceArchiveState,
  streamsArchiveState,
} from '../../../src/main/vod/archive'
import { SourceRestore } from '../../../src/main/vod/source-restore'

describe('archive state', () => {
  it('reads the source and streams state from StorageClass and RestoreStatus', () => {
    expect(sourceArchiveState({ storageClass: 'Standard' })).toBe('readable')
    expect(sourceArchiveState({})).toBe('readable')
    expect(sourceArchiveState({ storageClass: 'SourceArchive' })).toBe('frozen')
    expect(sourceArchiveState({ storageClass: 'Archive', restoreStatus: 'Processing' })).toBe(
      'restoring',
    )
    expect(sourceArchiveState({ storageClass: 'ColdArchive', restoreStatus: 'Failed' })).toBe(
      'restore-failed',
    )
    expect(sourceArchiveState({ storageClass: 'ColdArchive', restoreStatus: 'Success' })).toBe(
      'readable',
    )
    expect(streamsArchiveState({ storageClass: 'SourceColdArchive' })).toBe('readable')
    expect(streamsArchiveState({ storageClass: 'ColdArchive' })).toBe('frozen')
    expect(archiveReason('frozen')).toBe('Archived')
    expect(archiveReason('restoring')).toBe('RestorePending')
    expect(archiveReason('restore-failed')).toBe('RestoreFailed')
    expect(archiveReason('readable')).toBeUndefined()
  })

  it('looks at a restore again after half the time it has run, within bounds per class and tier', () => {
    const now = 1_000_000_000
    const next = (since: number, storageClass: string, tier: 'Expedited' | 'Standard' | 'Bulk') =>
      nextRestoreCheck({ now, since, storageClass, tier }) - now
    expect(next(now, 'Archive', 'Standard')).toBe(firstRestoreCheckMs)
    expect(next(now - 40_000, 'ColdArchive', 'Standard')).toBe(20_000)
    expect(next(now - 3_600_000, 'SourceArchive', 'Bulk')).toBe(30_000)
    expect(next(now - 3_600_000, 'ColdArchive', 'Expedited')).toBe(2 * 60_000)
    expect(next(now - 5 * 3_600_000, 'ColdArchive', 'Bulk')).toBe(20 * 60_000)
    expect(longestRestoreCheckMs('SourceColdArchive', 'Standard')).toBe(10 * 60_000)
  })
})

describe('SourceRestore', () => {
  const reference = (restore?: VodFileReference['restore']): VodFileReference => ({
    mediaId: 'm1',
    mediaType: 'video',
    kind: 'source',
    outputType: 'oss',
    ...(restore ? { restore } : {}),
  })

  function subject(reply: { forbidden?: string; ignored?: boolean } = {}) {
    const requests: RestoreMediaRequest[] = []
    const clock = { now: () => 1_000_000 }
    const restore = new SourceRestore({
      clock,
      client: {
        restoreMedia(request) {
          requests.push(request)
          return Promise.resolve({
            success: true,
            forbidden: reply.forbidden ? [{ mediaId: 'm1', reason: reply.forbidden }] : [],
            ignored: reply.ignored ? ['m1'] : [],
          })
        },
      },
    })
    return { restore, requests, clock }
  }

  async function thrown(promise: Promise<void>): Promise<AppError> {
    const error: unknown = await promise.then(
      () => undefined,
      (rejection: unknown) => rejection,
    )
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }

  it('fails an archived source with Archived when no restore is asked for, without calling', async () => {
    const { restore, requests } = subject()
    const error = await thrown(
      restore.ensureReadable(reference(), { storageClass: 'SourceArchive' }, {}),
    )
    expect(error.code).toBe('Archived')
    expect(error.detail).toBe('m1 source: SourceArchive')
    expect(requests).toEqual([])
  })

  it('asks for a restore with the tier only for Cold Archive, days within the class maximum', async () => {
    const { restore, requests } = subject()
    const cold = await thrown(
      restore.ensureReadable(
        reference({ tier: 'Bulk', days: 400 }),
        { storageClass: 'ColdArchive' },
        {},
      ),
    )
    expect(cold).toBeInstanceOf(SourceNotReady)
    expect(cold.code).toBe('RestorePending')
    expect((cold as SourceNotReady).checkAt).toBe(1_000_000 + firstRestoreCheckMs)
    const archive = await thrown(
      restore.ensureReadable(
        reference({ tier: 'Expedited', days: 30 }),
        { storageClass: 'SourceArchive' },
        {},
      ),
    )
    expect(archive).toBeInstanceOf(SourceNotReady)
    expect(requests).toEqual([
      { mediaIds: ['m1'], restoreDays: 365, restoreTier: 'Bulk' },
      { mediaIds: ['m1'], restoreDays: 7 },
    ])
  })

  it('waits for a restore already running without asking for another', async () => {
    const { restore, requests } = subject()
    const error = await thrown(
      restore.ensureReadable(
        reference(),
        { storageClass: 'Archive', restoreStatus: 'Processing' },
        {},
      ),
    )
    expect(error).toBeInstanceOf(SourceNotReady)
    expect(requests).toEqual([])
  })

  it('says why when the service refuses the restore or does not know the media', async () => {
    const refused = subject({ forbidden: 'Forbidden.RestoreMedia' })
    const error = await thrown(
      refused.restore.ensureReadable(
        reference({ tier: 'Standard', days: 1 }),
        { storageClass: 'Archive' },
        {},
      ),
    )
    expect(error.code).toBe('RestoreFailed')
    expect(error.detail).toContain('Forbidden.RestoreMedia')
    const ignored = subject({ ignored: true })
    const missing = await thrown(
      ignored.restore.ensureReadable(
        reference({ tier: 'Standard', days: 1 }),
        { storageClass: 'Archive' },
        {},
      ),
    )
    expect(missing.code).toBe('NotFound')
  })

  it('fails a restore that failed on its watch, and asks anew for one that failed before', async () => {
    const { restore, requests } = subject()
    const options = reference({ tier: 'Standard', days: 1 })
    // An old failure (not seen running here): a new restore is asked for.
    await thrown(
      restore.ensureReadable(options, { storageClass: 'Archive', restoreStatus: 'Failed' }, {}),
    )
    expect(requests).toHaveLength(1)
    // That one fails too: now the job fails with why.
    const failed = await thrown(
      restore.ensureReadable(options, { storageClass: 'Archive', restoreStatus: 'Failed' }, {}),
    )
    expect(failed).not.toBeInstanceOf(SourceNotReady)
    expect(failed.code).toBe('RestoreFailed')
    expect(requests).toHaveLength(1)
  })
})
