import { mediaStatuses, type MediaStatus } from '../../../shared/contract'
import type { I18n } from '../i18n/i18n-context'
import type { BadgeTone } from './Badge'

function isMediaStatus(status: string): status is MediaStatus {
  return (mediaStatuses as readonly string[]).includes(status)
}

/** A VOD status in the UI language; statuses VOD adds later show as VOD spells them. */
export function mediaStatusLabel(i18n: Pick<I18n, 't'>, status: string): string {
  return isMediaStatus(status) ? i18n.t(`mediaStatus.${status}`) : status
}

/**
 * How a status stands out in lists: Normal is the quiet default (null); work in progress is a
 * warning, a dead end is danger, so a Transcoding or Blocked item never reads like a Normal one.
 */
export function mediaStatusTone(status: string): BadgeTone | null {
  switch (status) {
    case 'Normal':
      return null
    case 'TranscodeFail':
    case 'UploadFail':
    case 'ProduceFail':
    case 'Blocked':
      return 'danger'
    default:
      return 'warning'
  }
}

/** What a video or audio in this status offers, by the API's rules, or null for everything. */
export type MediaOffers = 'sourceOnly' | 'sourceAndImages' | 'nothingYet'

/**
 * What can be downloaded while a video is not Normal, as the API reference documents it: only
 * Normal videos have playable streams (GetPlayInfo); snapshot data exists in UploadSucc,
 * Checking and Blocked (ListSnapshots); the source is there once uploaded (GetMezzanineInfo).
 * The details screen asks the API and shows what is really there.
 */
export function mediaOffers(mediaType: string, status: string): MediaOffers | null {
  if (mediaType === 'image') return null
  switch (status) {
    case 'Normal':
      return null
    case 'Checking':
    case 'Blocked':
      return 'sourceAndImages'
    case 'UploadSucc':
    case 'Transcoding':
    case 'TranscodeFail':
      return 'sourceOnly'
    case 'Uploading':
    case 'UploadFail':
    case 'ProduceFail':
      return 'nothingYet'
    default:
      return null
  }
}
