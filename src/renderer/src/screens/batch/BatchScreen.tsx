import { useEffect, useState, type ReactNode } from 'react'
import type { BatchSummary, DownloadsSummarizeInput, MediaType } from '../../../../shared/contract'
import type { ErrorData } from '../../../../shared/errors'
import type { AddressType, RestoreOptions } from '../../../../shared/vod'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useSettings } from '../../store/app-state-context'
import { AddressTypeField } from '../details/AddressTypeField'
import { BatchForm, type BatchChoices } from './BatchForm'
import { BatchRestoreField } from './BatchRestoreField'
import { BatchSummaryView } from './BatchSummaryView'
import { useQueueDownloads } from '../downloads/use-queue-downloads'
import './batch.css'

export interface BatchScreenProps {
  mediaType: MediaType
  mediaIds: readonly string[]
  onClose: () => void
  onOpenSettings: () => void
  onShowDownloads: () => void
}

function toInput(
  props: BatchScreenProps,
  choices: BatchChoices,
  restore: RestoreOptions | null,
): DownloadsSummarizeInput {
  const input: DownloadsSummarizeInput = {
    mediaType: props.mediaType,
    mediaIds: [...props.mediaIds],
    selection: choices.selection,
  }
  if (choices.selection === 'rendition' && choices.definition) input.definition = choices.definition
  if (choices.selection === 'rendition' && choices.format) input.format = choices.format
  if (restore) input.restore = restore
  return input
}

/** Many media at once: choose what to take, see count and total size, then start. */
export function BatchScreen(props: BatchScreenProps): ReactNode {
  const client = useApi()
  const [settings] = useSettings()
  const { queue: queueDownloads, dialog: conflictDialog } = useQueueDownloads(props.onShowDownloads)
  const { t, tn } = useI18n()
  const [choices, setChoices] = useState<BatchChoices>({
    selection: 'source',
    definition: '',
    format: '',
  })
  const [addressType, setAddressType] = useState<AddressType | null>(null)
  const [restore, setRestore] = useState<RestoreOptions | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [result, setResult] = useState<{
    key: string
    summary: BatchSummary | null
    error: ErrorData | null
  } | null>(null)
  const [starting, setStarting] = useState(false)
  const input = toInput(props, choices, restore)
  const inputKey = JSON.stringify(input)
  const key = `${inputKey}#${attempt}`

  useEffect(() => {
    let disposed = false
    const requestKey = `${inputKey}#${attempt}`
    client
      .request('downloads.summarize', JSON.parse(inputKey) as DownloadsSummarizeInput)
      .then((summary) => {
        if (!disposed) setResult({ key: requestKey, summary, error: null })
      })
      .catch((error: unknown) => {
        if (!disposed) setResult({ key: requestKey, summary: null, error: errorDataOf(error) })
      })
    return () => {
      disposed = true
    }
  }, [client, inputKey, attempt])

  const current = result?.key === key ? result : null

  async function start(): Promise<void> {
    setStarting(true)
    try {
      // Says "5 added, 1 already downloaded", and asks once when file names are taken.
      const started = await queueDownloads((conflicts) =>
        client.request('downloads.enqueueSelection', {
          ...input,
          ...(addressType ? { addressType } : {}),
          ...(conflicts ? { conflicts } : {}),
        }),
      )
      if (started) props.onClose()
    } finally {
      setStarting(false)
    }
  }

  return (
    <section
      className="screen screen--scroll"
      data-testid="batch-screen"
      aria-labelledby="batch-heading"
    >
      <div className="screen__header">
        <button type="button" className="button" onClick={props.onClose} data-testid="batch-cancel">
          {t('action.back')}
        </button>
        <h1 id="batch-heading" className="screen__title">
          {t('batch.title', { count: props.mediaIds.length })}
        </h1>
      </div>
      <BatchForm mediaType={props.mediaType} choices={choices} onChange={setChoices} />
      <AddressTypeField
        value={addressType}
        defaultType={settings.defaultAddressType}
        onChange={setAddressType}
      />
      <BatchRestoreField
        archived={result?.summary?.archived ?? 0}
        value={restore}
        onChange={setRestore}
      />
      <BatchSummaryView
        summary={current?.summary ?? null}
        error={current?.error ?? null}
        onRetry={() => setAttempt((value) => value + 1)}
        onOpenSettings={props.onOpenSettings}
      />
      <div className="action-bar">
        <button
          type="button"
          className="button button--primary"
          disabled={!current?.summary || current.summary.count === 0 || starting}
          onClick={() => void start()}
          data-testid="batch-start"
        >
          {tn('batch.start', current?.summary?.count ?? 0)}
        </button>
      </div>
      {conflictDialog}
    </section>
  )
}
