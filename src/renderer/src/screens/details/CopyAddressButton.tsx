import { useState, type ReactNode } from 'react'
import type { DownloadableFile } from '../../../../shared/contract'
import { formatDateTime } from '../../../../shared/format'
import type { AddressType } from '../../../../shared/vod'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'

/**
 * "Copy address", as the console's copy action: asks main for the file's signed address now and
 * puts it on the clipboard, saying that it is signed and when it expires. When the clipboard is
 * not available, the address is shown selected for copying by hand.
 */
export function CopyAddressButton(props: {
  file: DownloadableFile
  /** The address type chosen on the screen; the file's own when null. */
  addressType: AddressType | null
}): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [busy, setBusy] = useState(false)
  const [shown, setShown] = useState<string | null>(null)
  const { file } = props

  async function copy(): Promise<void> {
    if (busy) return
    setBusy(true)
    try {
      // Files only the OSS origin serves keep their OSS address whatever is chosen.
      const outputType = file.forcedOss ? 'oss' : (props.addressType ?? file.reference.outputType)
      const address = await client.request('media.address', {
        reference: { ...file.reference, outputType },
      })
      const expiry =
        address.expiresAt === null
          ? t('details.addressNoExpiry')
          : t('details.addressExpires', { time: formatDateTime(address.expiresAt) })
      try {
        await navigator.clipboard.writeText(address.url)
        setShown(null)
        notify({ tone: 'success', text: `${t('details.addressCopied')} ${expiry}` })
      } catch {
        setShown(address.url)
        notify({ tone: 'info', text: `${t('details.addressShown')} ${expiry}` })
      }
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="copy-address">
      <button
        type="button"
        className="button button--small"
        aria-disabled={busy}
        onClick={() => void copy()}
        title={t('details.copyAddressHint')}
        data-testid="copy-address"
      >
        {t('details.copyAddress')}
      </button>
      {shown !== null && (
        <input
          className="input input--mono"
          readOnly
          value={shown}
          aria-label={t('details.copyAddress')}
          onFocus={(event) => event.currentTarget.select()}
          autoFocus
          data-testid="copy-address-text"
        />
      )}
    </span>
  )
}
