import type { ReactNode } from 'react'
import type { EncryptionKind } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { Badge, type BadgeTone } from '../../components/Badge'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

export interface EncryptionBadgeProps {
  encryption: EncryptionKind
  downloadable: boolean
  /** Why the file cannot be downloaded as a plain file, when it cannot. */
  reason: ErrorData | null
  /** No MtsHlsUriToken is saved, which an HLS AES-128 key service usually asks for. */
  tokenMissing?: boolean
}

const labels: Record<EncryptionKind, MessageKey> = {
  none: 'encryption.none',
  'hls-standard': 'encryption.hlsStandard',
  proprietary: 'encryption.proprietary',
  license: 'encryption.license',
}

const tones: Record<EncryptionKind, BadgeTone> = {
  none: 'success',
  'hls-standard': 'warning',
  proprietary: 'danger',
  license: 'danger',
}

/**
 * How a stream is encrypted, and, when it is not downloadable as a plain file, why: a proprietary
 * encrypted copy would only play in the Aliyun player, so users must know before they queue 40 GB.
 */
export function EncryptionBadge(props: EncryptionBadgeProps): ReactNode {
  const { t, errorMessage } = useI18n()
  const reasonText = props.reason ? errorMessage(props.reason) : null
  return (
    <span className="encryption" data-testid="encryption-badge" data-encryption={props.encryption}>
      <Badge
        tone={props.downloadable ? tones[props.encryption] : 'danger'}
        title={reasonText ?? undefined}
      >
        {t(labels[props.encryption])}
      </Badge>
      {!props.downloadable && (
        <span className="encryption__reason" data-testid="encryption-reason">
          {reasonText ?? t('encryption.notDownloadable')}
        </span>
      )}
      {props.downloadable && props.encryption === 'hls-standard' && props.tokenMissing && (
        <span className="encryption__note" data-testid="hls-token-hint">
          {t('encryption.tokenMissing')}
        </span>
      )}
    </span>
  )
}
