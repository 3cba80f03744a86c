import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { importListLimitBytes, type ListImportResult } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { Dialog } from '../../components/Dialog'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import { useNameConflictQuestion } from '../downloads/use-name-conflict-question'
import { ImportResultView } from './ImportResultView'
import './lists.css'

export interface ImportListControlProps {
  onOpenSettings: () => void
}

type ImportRun =
  | { kind: 'reading'; fileName: string }
  /** Names are taken: the conflict question is open instead of this dialog. */
  | { kind: 'asking'; fileName: string }
  | { kind: 'too-large'; fileName: string }
  | { kind: 'failed'; fileName: string; error: ErrorData }
  | { kind: 'done'; fileName: string; result: ListImportResult }

/**
 * "Import list…": picks a CSV or text list, reads it here (a browser page cannot hand main a
 * path) and sends its text to main, which adds its lines as one batch. When names are taken and
 * nobody chose yet, main adds nothing and the window asks the same question as when queueing,
 * then sends the list again with the choice. The answer says how many downloads were added,
 * what became of taken names, and which lines were not imported, by number; the jobs themselves
 * arrive through `jobs.changed` like any others.
 */
export function ImportListControl(props: ImportListControlProps): ReactNode {
  const client = useApi()
  const { t } = useI18n()
  const inputId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const [run, setRun] = useState<ImportRun | null>(null)
  const question = useNameConflictQuestion()
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  async function importFile(file: File): Promise<void> {
    const fileName = file.name
    // Checked here so a huge file is never read; main checks the text again.
    if (file.size > importListLimitBytes) {
      setRun({ kind: 'too-large', fileName })
      return
    }
    setRun({ kind: 'reading', fileName })
    try {
      const text = await file.text()
      let result = await client.request('lists.import', { fileName, text })
      if (result.conflicts) {
        // Asked once for the whole list, as when queueing; then the list is sent again.
        if (!mounted.current) return
        setRun({ kind: 'asking', fileName })
        const conflicts = await question.ask(result.conflicts)
        if (conflicts === null) {
          if (mounted.current) setRun(null)
          return
        }
        if (mounted.current) setRun({ kind: 'reading', fileName })
        result = await client.request('lists.import', { fileName, text, conflicts })
      }
      if (mounted.current) setRun({ kind: 'done', fileName, result })
    } catch (error) {
      if (mounted.current) setRun({ kind: 'failed', fileName, error: errorDataOf(error) })
    }
  }

  let body: ReactNode = null
  if (run?.kind === 'reading') {
    body = (
      <StatusMessage
        kind="loading"
        title={t('lists.import.reading', { name: run.fileName })}
        testId="import-busy"
      />
    )
  } else if (run?.kind === 'too-large') {
    body = (
      <p className="problem" role="alert" data-testid="import-too-large">
        {t('lists.import.tooLarge', {
          name: run.fileName,
          limit: formatBytes(importListLimitBytes),
        })}
      </p>
    )
  } else if (run?.kind === 'failed') {
    body = (
      <ErrorNotice error={run.error} onOpenSettings={props.onOpenSettings} testId="import-error" />
    )
  } else if (run?.kind === 'done') {
    body = <ImportResultView fileName={run.fileName} result={run.result} />
  }

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => inputRef.current?.click()}
        title={t('lists.import.formats')}
        data-testid="downloads-import"
      >
        {t('lists.import.button')}
      </button>
      <label htmlFor={inputId} className="visually-hidden">
        {t('lists.import.pick')}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept=".csv,.txt,.tsv,.list,text/csv,text/plain"
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared so that picking the same file again (after fixing it) imports it again.
          event.target.value = ''
          if (file) void importFile(file)
        }}
        data-testid="downloads-import-input"
      />
      {question.dialog}
      {run && run.kind !== 'asking' && (
        <Dialog
          title={t('lists.import.title')}
          onClose={() => setRun(null)}
          testId="import-dialog"
          footer={
            <button
              type="button"
              className="button"
              onClick={() => setRun(null)}
              data-testid="import-close"
            >
              {t('action.close')}
            </button>
          }
        >
          <p className="hint">{t('lists.import.formats')}</p>
          {body}
        </Dialog>
      )}
    </>
  )
}
