import type { ReactNode } from 'react'
import { referenceKey, type DownloadableFile } from '../../../../shared/contract'
import { formatBitrate, formatBytes, formatResolution } from '../../../../shared/format'
import { Badge } from '../../components/Badge'
import { mediaStatusLabel } from '../../components/media-status'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { EncryptionBadge } from './EncryptionBadge'

export interface RenditionsTableProps {
  files: readonly DownloadableFile[]
  /** Checked files by `referenceKey`. */
  checked: ReadonlySet<string>
  onToggle: (file: DownloadableFile) => void
  /** Extra status per file (e.g. "downloaded"), supplied by the container. */
  statusFor?: (file: DownloadableFile) => ReactNode
  /** The media's status, which says why there is no rendition (still transcoding…). */
  mediaStatus?: string
  /** No MtsHlsUriToken is saved: HLS AES-128 streams say they need one. */
  hlsTokenMissing?: boolean
}

/** Why a media item in this status has no renditions, or null when its status says nothing. */
export function noRenditionsReason(status: string | undefined): MessageKey | null {
  switch (status) {
    case undefined:
    case 'Normal':
      return null
    case 'Uploading':
    case 'UploadSucc':
    case 'Transcoding':
    case 'Checking':
      return 'details.noRenditions.pending'
    case 'UploadFail':
    case 'TranscodeFail':
    case 'ProduceFail':
      return 'details.noRenditions.failed'
    default:
      return 'details.noRenditions.status'
  }
}

/** Transcoded renditions with what decides a download: quality, format, size and encryption. */
export function RenditionsTable(props: RenditionsTableProps): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  if (props.files.length === 0) {
    const reason = noRenditionsReason(props.mediaStatus)
    return (
      <p className="muted" data-testid="renditions-empty" data-status={props.mediaStatus}>
        {reason
          ? t(reason, { status: mediaStatusLabel(i18n, props.mediaStatus ?? '') })
          : t('details.noRenditions')}
      </p>
    )
  }
  return (
    <table className="table renditions-table" data-testid="renditions-table">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('details.select')}</span>
          </th>
          <th scope="col">{t('details.definition')}</th>
          <th scope="col">{t('details.format')}</th>
          <th scope="col">{t('details.resolution')}</th>
          <th scope="col">{t('details.bitrate')}</th>
          <th scope="col">{t('details.size')}</th>
          <th scope="col">{t('details.encryption')}</th>
          <th scope="col">{t('details.state')}</th>
        </tr>
      </thead>
      <tbody>
        {props.files.map((file) => {
          const key = referenceKey(file.reference)
          const checkboxId = `rendition-${key}`
          return (
            <tr
              key={key}
              data-testid="rendition-row"
              data-definition={file.definition ?? ''}
              data-format={file.format ?? ''}
              className={file.downloadable ? undefined : 'table__row--disabled'}
            >
              <td>
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={props.checked.has(key)}
                  disabled={!file.downloadable}
                  onChange={() => props.onToggle(file)}
                  data-testid="rendition-checkbox"
                />
              </td>
              <td>
                <label htmlFor={checkboxId}>{file.definition ?? file.label}</label>
                {file.hdrType && (
                  <Badge tone="info" title={t('details.hdrHint', { type: file.hdrType })}>
                    {file.hdrType}
                  </Badge>
                )}
                {file.status === 'Invisible' && (
                  <Badge tone="neutral" title={t('details.olderStreamHint')}>
                    {t('details.olderStream')}
                  </Badge>
                )}
              </td>
              <td>{file.format ?? '—'}</td>
              <td>{formatResolution(file.width, file.height)}</td>
              <td>{formatBitrate(file.bitrate)}</td>
              <td>{formatBytes(file.size)}</td>
              <td>
                <EncryptionBadge
                  encryption={file.encryption}
                  downloadable={file.downloadable}
                  reason={file.reason}
                  tokenMissing={props.hlsTokenMissing}
                />
              </td>
              <td>{props.statusFor?.(file)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
