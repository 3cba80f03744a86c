import type { ReactNode } from 'react'
import { referenceKey, type DownloadableFile } from '../../../../shared/contract'
import { formatBytes, formatResolution } from '../../../../shared/format'
import type { VodFileKind } from '../../../../shared/vod'
import { Thumbnail } from '../../components/Thumbnail'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

export interface ThumbnailStripProps {
  files: readonly DownloadableFile[]
  checked: ReadonlySet<string>
  onToggle: (file: DownloadableFile) => void
  /** An action per file (Copy address), shown under its caption. */
  actionFor?: (file: DownloadableFile) => ReactNode
}

export const kindLabels: Record<VodFileKind, MessageKey> = {
  source: 'kind.source',
  rendition: 'kind.rendition',
  cover: 'kind.cover',
  snapshot: 'kind.snapshot',
  sprite: 'kind.sprite',
  'sprite-origin': 'kind.spriteOrigin',
  webvtt: 'kind.webvtt',
  image: 'kind.image',
  'image-original': 'kind.imageOriginal',
}

/** Covers, snapshots, sprites and images as a scrollable strip of checkable thumbnails. */
export function ThumbnailStrip(props: ThumbnailStripProps): ReactNode {
  const { t } = useI18n()
  if (props.files.length === 0) {
    return (
      <p className="muted" data-testid="thumbnail-strip-empty">
        {t('details.noImages')}
      </p>
    )
  }
  return (
    <ul className="thumbnail-strip" data-testid="thumbnail-strip">
      {props.files.map((file) => {
        const key = referenceKey(file.reference)
        return (
          <li key={key} className="thumbnail" data-testid="thumbnail-item" data-kind={file.kind}>
            <label>
              <span className="thumbnail__image">
                <Thumbnail
                  src={file.thumbnailUrl}
                  alt={file.label}
                  placeholder={file.format ?? file.kind}
                />
              </span>
              <span className="thumbnail__caption">
                <input
                  type="checkbox"
                  checked={props.checked.has(key)}
                  disabled={!file.downloadable}
                  onChange={() => props.onToggle(file)}
                  data-testid="thumbnail-checkbox"
                />
                {t(kindLabels[file.kind])}
                {/* VOD numbers snapshots from 1, as the file names do. */}
                {file.reference.index !== undefined && ` ${file.reference.index}`}
                {(file.width ?? 0) > 0 && (file.height ?? 0) > 0 ? (
                  // Pictures with a pixel size (images): size and bytes on a line of their own.
                  <span className="muted thumbnail__facts" data-testid="thumbnail-dimensions">
                    {formatResolution(file.width, file.height)}
                    {file.size !== null && ` · ${formatBytes(file.size)}`}
                  </span>
                ) : (
                  file.size !== null && <span className="muted"> · {formatBytes(file.size)}</span>
                )}
              </span>
            </label>
            {props.actionFor?.(file)}
          </li>
        )
      })}
    </ul>
  )
}
