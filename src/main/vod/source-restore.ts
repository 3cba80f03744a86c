import { AppError } from '../../shared/errors'
import { isColdArchive, maximumRestoreDays, type VodFileReference } from '../../shared/vod'
import type { Clock } from '../common/clock'
import { SourceNotReady } from '../engine/source'
import { sourceArchiveState, nextRestoreCheck, type ArchiveFields } from './archive'
import type { CallOptions, VodClient } from './client'
import { silentLogger, type VodLogger } from './logger'

export interface SourceRestoreDependencies {
  client: Pick<VodClient, 'restoreMedia'>
  clock: Pick<Clock, 'now'>
  logger?: VodLogger
}

/**
 * Gets an archived source readable before the resolver hands out its address: asks for a
 * restore (RestoreMedia, with the job's tier and days) when the reference allows one, and
 * answers "not ready until T" while it runs, looking again with a growing pause. What a restore
 * started or seen first in this process is remembered here, to pace the looks and to tell a
 * restore that failed on our watch (the job fails with why) from an old failure (a new restore
 * is asked for). After a restart the pacing starts over, which costs a few early looks.
 */
export class SourceRestore {
  private readonly client: SourceRestoreDependencies['client']
  private readonly clock: SourceRestoreDependencies['clock']
  private readonly logger: VodLogger
  /** Media id → when this process first asked for or saw its restore. */
  private readonly watched = new Map<string, number>()

  constructor(dependencies: SourceRestoreDependencies) {
    this.client = dependencies.client
    this.clock = dependencies.clock
    this.logger = dependencies.logger ?? silentLogger
  }

  /**
   * Returns when the source can be read now; otherwise throws `SourceNotReady` (a restore is
   * running), `Archived` (frozen, and the reference asks for no restore) or `RestoreFailed`.
   */
  async ensureReadable(
    reference: VodFileReference,
    fields: ArchiveFields,
    options: CallOptions,
  ): Promise<void> {
    const { mediaId } = reference
    const now = this.clock.now()
    const state = sourceArchiveState(fields, now)
    const storage = fields.storageClass ?? 'archive'
    switch (state) {
      case 'readable':
        this.watched.delete(mediaId)
        return
      case 'restoring':
        // Running already (asked for by this job, another one, or in the console): wait for it.
        this.watched.set(mediaId, this.watched.get(mediaId) ?? now)
        throw this.notReady(reference, fields, 'RestoreStatus Processing')
      case 'restore-failed':
        if (this.watched.has(mediaId)) {
          this.watched.delete(mediaId)
          throw new AppError(
            'RestoreFailed',
            `${mediaId} source: ${storage}, RestoreStatus Failed${tierText(reference, fields)}`,
          )
        }
        break
      case 'frozen':
        break
    }
    if (!reference.restore) {
      throw new AppError(
        'Archived',
        `${mediaId} source: ${storage}${state === 'restore-failed' ? ', an earlier restore failed' : ''}`,
      )
    }
    await this.requestRestore(reference, fields, options)
    this.watched.set(mediaId, now)
    throw this.notReady(reference, fields, 'restore requested')
  }

  private async requestRestore(
    reference: VodFileReference,
    fields: ArchiveFields,
    options: CallOptions,
  ): Promise<void> {
    const restore = reference.restore
    if (!restore) return
    const { mediaId } = reference
    const cold = isColdArchive(fields.storageClass)
    // As ossutil does for mixed classes: more days than the class allows become its maximum.
    const restoreDays = Math.max(1, Math.min(restore.days, maximumRestoreDays(fields.storageClass)))
    const reply = await this.client.restoreMedia(
      {
        mediaIds: [mediaId],
        restoreDays,
        // The priority applies to Cold Archive only; Archive restores take about a minute.
        ...(cold ? { restoreTier: restore.tier } : {}),
      },
      options,
    )
    const refused = reply.forbidden.find((entry) => entry.mediaId === mediaId)
    if (refused) {
      throw new AppError(
        'RestoreFailed',
        `${mediaId}: RestoreMedia refused it (${refused.reason ?? 'no reason given'})`,
      )
    }
    if (reply.ignored.includes(mediaId)) {
      throw new AppError('NotFound', `${mediaId}: RestoreMedia did not find it`)
    }
    this.logger.debug('vod restore requested', {
      mediaId,
      storageClass: fields.storageClass,
      restoreDays,
      restoreTier: cold ? restore.tier : undefined,
    })
  }

  private notReady(
    reference: VodFileReference,
    fields: ArchiveFields,
    what: string,
  ): SourceNotReady {
    const now = this.clock.now()
    const checkAt = nextRestoreCheck({
      now,
      since: this.watched.get(reference.mediaId) ?? now,
      storageClass: fields.storageClass,
      tier: reference.restore?.tier ?? 'Standard',
    })
    return new SourceNotReady(
      'RestorePending',
      `${reference.mediaId} source: ${fields.storageClass ?? 'archive'}, ${what}${tierText(reference, fields)}`,
      checkAt,
    )
  }
}

function tierText(reference: VodFileReference, fields: ArchiveFields): string {
  return reference.restore && isColdArchive(fields.storageClass)
    ? `, tier ${reference.restore.tier}`
    : ''
}
