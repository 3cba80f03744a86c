import { useState, type ReactNode } from 'react'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'

/**
 * Settings › Diagnostics: the log folder (opened on the desktop; its path shown in the headless
 * host, which cannot open folders on the user's screen) and a bundle to send with a bug report —
 * logs, versions, settings without secrets and the job table's states, with every signed address,
 * key and token redacted.
 */
export function DiagnosticsSection(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [busy, setBusy] = useState(false)
  const [shown, setShown] = useState<{ kind: 'folder' | 'bundle'; path: string } | null>(null)

  async function openLogFolder(): Promise<void> {
    setBusy(true)
    try {
      const result = await client.request('diagnostics.openLogFolder')
      setShown(result.opened ? null : { kind: 'folder', path: result.path })
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  async function exportBundle(): Promise<void> {
    setBusy(true)
    try {
      const result = await client.request('diagnostics.export')
      setShown({ kind: 'bundle', path: result.path })
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="card"
      aria-labelledby="diagnostics-heading"
      data-testid="diagnostics-section"
    >
      <h2 id="diagnostics-heading">{t('settings.diagnostics.heading')}</h2>
      <p className="hint">{t('settings.diagnostics.explain')}</p>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void openLogFolder()}
          data-testid="diagnostics-open-logs"
        >
          {t('settings.diagnostics.openLogs')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void exportBundle()}
          data-testid="diagnostics-export"
        >
          {t('settings.diagnostics.export')}
        </button>
      </div>
      {shown && (
        <p className="hint" role="status" data-testid="diagnostics-path">
          {t(
            shown.kind === 'bundle'
              ? 'settings.diagnostics.bundleWritten'
              : 'settings.diagnostics.logFolder',
            { path: shown.path },
          )}
        </p>
      )}
    </section>
  )
}
