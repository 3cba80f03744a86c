import { mediaStatuses, type MediaStatus } from '../../../shared/contract'
import type { I18n } from '../i18n/i18n-context'

function isMediaStatus(status: string): status is MediaStatus {
  return (mediaStatuses as readonly string[]).includes(status)
}

/** A VOD status in the UI language; statuses VOD adds later show as VOD spells them. */
export function mediaStatusLabel(i18n: Pick<I18n, 't'>, status: string): string {
  return isMediaStatus(status) ? i18n.t(`mediaStatus.${status}`) : status
}
