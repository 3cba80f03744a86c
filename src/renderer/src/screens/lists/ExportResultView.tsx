import type { ReactNode } from 'react'
import {
  addressListFormats,
  type AddressListExport,
  type AddressListFormat,
} from '../../../../shared/contract'
import { toErrorData } from '../../../../shared/errors'
import { formatDateTime } from '../../../../shared/format'
import { useI18n } from '../../i18n/i18n-context'

export interface ExportResultViewProps {
  result: AddressListExport
  /** The name each text is saved under. */
  fileNames: Readonly<Record<AddressListFormat, string>>
  onSave: (format: AddressListFormat) => void
}

/**
 * What an export produced, and the reminder that matters most: the URLs are signed, and until
 * the times shown anyone with the file can download the media.
 */
export function ExportResultView(props: ExportResultViewProps): ReactNode {
  const { t, tn, errorMessage } = useI18n()
  const { result } = props
  const saved = addressListFormats.filter((format) => result[format] !== null)
  return (
    <section className="export-result" aria-live="polite" data-testid="export-result">
      <p className="export-result__summary" data-testid="export-summary">
        {tn('lists.export.summary', result.rowCount, { items: result.itemCount })}
      </p>
      {result.failedRowCount > 0 && (
        <div className="warning" data-testid="export-failures">
          <p>
            {tn('lists.export.failed', result.failedRowCount, { items: result.failedItemCount })}
          </p>
          {/* Each reason in words; the code stays on the item for support and the CLI. */}
          <ul className="export-result__reasons">
            {result.failures.map((failure) => (
              <li key={failure.code} data-testid="export-failure-reason" data-code={failure.code}>
                {tn('lists.export.failureReason', failure.count, {
                  reason: errorMessage(toErrorData(failure.code)),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.earliestExpiresAt !== null && result.latestExpiresAt !== null ? (
        <p
          className="export-result__expiry"
          data-testid="export-expiry"
          data-earliest-expires-at={new Date(result.earliestExpiresAt).toISOString()}
          data-latest-expires-at={new Date(result.latestExpiresAt).toISOString()}
        >
          {t('lists.export.expiry', {
            first: formatDateTime(result.earliestExpiresAt),
            last: formatDateTime(result.latestExpiresAt),
          })}
        </p>
      ) : (
        <p className="muted" data-testid="export-expiry">
          {t('lists.export.noExpiry')}
        </p>
      )}
      <div className="button-row">
        {saved.map((format) => (
          <button
            key={format}
            type="button"
            className="button button--primary"
            onClick={() => props.onSave(format)}
            data-testid={`export-save-${format}`}
          >
            {t('lists.export.save', { name: props.fileNames[format] })}
          </button>
        ))}
      </div>
    </section>
  )
}
