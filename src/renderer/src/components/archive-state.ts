import type { DownloadableFile } from '../../../shared/contract'
import { formatDateTime } from '../../../shared/format'
import { sourceIsArchived } from '../../../shared/vod'
import type { I18n } from '../i18n/i18n-context'
import { storageClassLabel } from './storage-class'

/**
 * One line on an archived source: frozen, being restored, restored until when, or the last
 * restore failed; null for files that are not in archive storage.
 */
export function describeArchive(
  i18n: Pick<I18n, 't'>,
  archive: DownloadableFile['archive'],
): string | null {
  if (!archive || !sourceIsArchived(archive.storageClass)) return null
  const storageClass = storageClassLabel(i18n, archive.storageClass)
  const status = archive.restoreStatus
  if (status === 'Processing') return i18n.t('archive.restoring', { storageClass })
  if (status === 'Failed') return i18n.t('archive.restoreFailed', { storageClass })
  // A success whose copy has lapsed is frozen again (restorable once more).
  if (status === 'Success' && !archive.restorable) {
    const time = formatDateTime(archive.restoreExpiration)
    return i18n.t('archive.restored', { storageClass, time })
  }
  return i18n.t('archive.frozen', { storageClass })
}
