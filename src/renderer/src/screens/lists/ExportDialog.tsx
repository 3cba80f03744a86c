import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { AddressListExport, AddressListFormat } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { saveTextFile } from '../../files/save-text-file'
import { useI18n } from '../../i18n/i18n-context'
import { useSettings } from '../../store/app-state-context'
import {
  addressListFileName,
  addressListMimeTypes,
  initialExportChoices,
  toExportInput,
  type ExportChoices,
  type ExportContext,
} from './export-choices'
import { ExportForm } from './ExportForm'
import { ExportResultView } from './ExportResultView'
import './lists.css'

export interface ExportDialogProps extends ExportContext {
  /** Matches of the current filter, when known. */
  total: number | null
  onClose: () => void
  onOpenSettings: () => void
}

type ExportRun =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: AddressListExport }
  | { kind: 'failed'; error: ErrorData }

/**
 * Exports the signed addresses of the selection or of the whole filter. Main answers the CSV
 * and JSON texts; they are saved from here as downloads, which works in Electron and in a
 * browser connected to the headless host alike.
 */
export function ExportDialog(props: ExportDialogProps): ReactNode {
  const client = useApi()
  const [settings] = useSettings()
  const { t } = useI18n()
  const [choices, setChoices] = useState<ExportChoices>(() =>
    initialExportChoices(props.mediaType, props.selectedIds.length, settings),
  )
  const [run, setRun] = useState<ExportRun>({ kind: 'idle' })
  // A dialog closed while main still exports drops the answer when it comes.
  const open = useRef(true)
  useEffect(() => {
    open.current = true
    return () => {
      open.current = false
    }
  }, [])

  const input = toExportInput(choices, props)
  const running = run.kind === 'running'
  // The outcome appears below the form: focus goes there (to the first "Save" button when there
  // is one), which also scrolls it into view.
  const outcomeRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const outcome = outcomeRef.current
    if (!outcome || (run.kind !== 'done' && run.kind !== 'failed')) return
    ;(outcome.querySelector<HTMLElement>('button') ?? outcome).focus()
  }, [run.kind])

  async function start(): Promise<void> {
    if (!input) return
    setRun({ kind: 'running' })
    try {
      const result = await client.request('lists.export', input)
      if (open.current) setRun({ kind: 'done', result })
    } catch (error) {
      if (open.current) setRun({ kind: 'failed', error: errorDataOf(error) })
    }
  }

  function fileNames(result: AddressListExport): Record<AddressListFormat, string> {
    return {
      csv: addressListFileName(props.mediaType, result.exportedAt, 'csv'),
      json: addressListFileName(props.mediaType, result.exportedAt, 'json'),
    }
  }

  function save(result: AddressListExport, format: AddressListFormat): void {
    const text = result[format]
    if (text === null) return
    saveTextFile(fileNames(result)[format], text, addressListMimeTypes[format])
  }

  return (
    <Dialog
      title={t('lists.export.title')}
      onClose={props.onClose}
      testId="export-dialog"
      footer={
        <>
          {running && (
            <span className="dialog__status" role="status" data-testid="export-busy">
              <span className="spinner" aria-hidden="true" />
              {t('lists.export.running')}
            </span>
          )}
          <button
            type="button"
            className="button button--primary"
            disabled={!input || running}
            onClick={() => void start()}
            data-testid="export-start"
          >
            {t('lists.export.start')}
          </button>
          <button
            type="button"
            className="button"
            onClick={props.onClose}
            data-testid="export-close"
          >
            {t('action.close')}
          </button>
        </>
      }
    >
      <p className="dialog__warning" role="note" data-testid="export-warning">
        {t('lists.export.warning')}
      </p>
      <ExportForm
        mediaType={props.mediaType}
        choices={choices}
        selectedCount={props.selectedIds.length}
        total={props.total}
        defaultAddressType={settings.defaultAddressType}
        disabled={running}
        onChange={setChoices}
      />
      <div ref={outcomeRef} tabIndex={-1} className="dialog__outcome">
        {run.kind === 'failed' && (
          <ErrorNotice
            error={run.error}
            onRetry={() => void start()}
            onOpenSettings={props.onOpenSettings}
            testId="export-error"
          />
        )}
        {run.kind === 'done' && (
          <ExportResultView
            result={run.result}
            fileNames={fileNames(run.result)}
            onSave={(format) => save(run.result, format)}
          />
        )}
      </div>
    </Dialog>
  )
}
