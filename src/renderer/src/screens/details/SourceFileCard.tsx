import type { ReactNode } from 'react'
import { referenceKey, type DownloadableFile } from '../../../../shared/contract'
import { formatBitrate, formatBytes, formatResolution } from '../../../../shared/format'
import { describeArchive } from '../../components/archive-state'
import { Badge } from '../../components/Badge'
import { useI18n } from '../../i18n/i18n-context'

export interface SourceFileCardProps {
  file: DownloadableFile | null
  checked: ReadonlySet<string>
  onToggle: (file: DownloadableFile) => void
  statusFor?: (file: DownloadableFile) => ReactNode
  /** "Restore and download" for a source in archive storage. */
  restoreAction?: (file: DownloadableFile) => ReactNode
}

/** The source master (the original upload) with its size; usually the file editors want. */
export function SourceFileCard(props: SourceFileCardProps): ReactNode {
  const i18n = useI18n()
  const { t, errorMessage } = i18n
  const { file } = props
  if (!file) {
    return (
      <p className="muted" data-testid="details-source">
        {t('details.noSource')}
      </p>
    )
  }
  const key = referenceKey(file.reference)
  const archive = describeArchive(i18n, file.archive)
  return (
    <div className="card source-card" data-testid="details-source">
      <label className="source-card__check">
        <input
          type="checkbox"
          checked={props.checked.has(key)}
          disabled={!file.downloadable}
          onChange={() => props.onToggle(file)}
          data-testid="source-checkbox"
        />
        <span className="source-card__name">{file.suggestedName || file.label}</span>
      </label>
      <span className="source-card__figures">
        <strong data-testid="source-size">{formatBytes(file.size)}</strong>
        <span>{formatResolution(file.width, file.height)}</span>
        <span>{formatBitrate(file.bitrate)}</span>
        {file.format && <span>{file.format}</span>}
      </span>
      {file.forcedOss && (
        <Badge tone="info" title={t('details.forcedOssHint')}>
          {t('details.forcedOss')}
        </Badge>
      )}
      {archive && (
        <Badge tone={file.downloadable ? 'info' : 'warning'} testId="source-archive">
          {archive}
        </Badge>
      )}
      {!file.downloadable && file.reason && (
        <span className="encryption__reason">{errorMessage(file.reason)}</span>
      )}
      {props.restoreAction?.(file)}
      {props.statusFor?.(file)}
    </div>
  )
}
