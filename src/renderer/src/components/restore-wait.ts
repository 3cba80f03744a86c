import { formatDateTime, secondsUntil } from '../../../shared/format'
import type { JobSnapshot } from '../../../shared/jobs'
import type { I18n } from '../i18n/i18n-context'

/**
 * A job waiting for its archived source to be restored: it sits in `retrying` with the
 * `RestorePending` error, and `nextAttemptAt` is when the restore's state is looked at again.
 */
export function isRestoreWait(snapshot: JobSnapshot): boolean {
  return snapshot.state === 'retrying' && snapshot.error?.code === 'RestorePending'
}

/**
 * "Restoring from archive (Standard) · next check in 12 s" (or "at 14:05" when it is further
 * off). The priority is named when the job asked for one; it matters for Cold Archive only.
 */
export function describeRestoreWait(
  i18n: Pick<I18n, 't'>,
  snapshot: JobSnapshot,
  now: number,
): string {
  const { t } = i18n
  const next = snapshot.nextAttemptAt
  const seconds = next === null ? 0 : secondsUntil(next, now)
  const when =
    next === null || seconds < 120
      ? t('state.nextCheckIn', { seconds })
      : t('state.nextCheckAt', { time: formatDateTime(next) })
  const tier =
    snapshot.source.kind === 'vod' && /ColdArchive/.test(snapshot.error?.detail ?? '')
      ? snapshot.source.reference.restore?.tier
      : undefined
  return tier
    ? t('state.restoringTier', { tier: t(`archive.tierName.${tier}`), when })
    : t('state.restoring', { when })
}
