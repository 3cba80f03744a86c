import { useMemo, useState, type ReactNode } from 'react'
import type { ErrorData } from '../../../../shared/errors'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { useNotify } from '../../notices/notices-context'
import { useAppInfo } from '../../store/app-state-context'
import type { JobFilter } from '../../store/job-filters'
import { useJobsStore } from '../../store/jobs-store-context'
import { useJobIds, useJobsLoaded } from '../../store/use-job-ids'
import { useJobTotals } from '../../store/use-job-totals'
import { ImportListControl } from '../lists/ImportListControl'
import { DownloadActionsProvider, type DownloadActions } from './download-actions-context'
import { DownloadsFooter } from './DownloadsFooter'
import { DownloadsList } from './DownloadsList'
import { DownloadsToolbar } from './DownloadsToolbar'

export interface DownloadsScreenProps {
  /** The last failure to load the job list, if any. */
  syncError: ErrorData | null
  onReload: () => void
  onOpenSettings: () => void
}

const emptyKeys: Record<JobFilter, MessageKey> = {
  all: 'downloads.empty.all',
  active: 'downloads.empty.active',
  completed: 'downloads.empty.completed',
  failed: 'downloads.empty.failed',
}

/** The download queue: filters, bulk controls, the virtualized job list and totals. */
export function DownloadsScreen(props: DownloadsScreenProps): ReactNode {
  const client = useApi()
  const info = useAppInfo()
  const store = useJobsStore()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [filter, setFilter] = useState<JobFilter>('all')
  const ids = useJobIds(filter)
  const completedIds = useJobIds('completed')
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set())
  // Only finished files can be picked; one that left the list (removed, cleared) drops out.
  const pickedIds = completedIds.filter((id) => picked.has(id))
  const loaded = useJobsLoaded()
  const totals = useJobTotals()
  const { onOpenSettings } = props
  const { capabilities } = info

  const actions = useMemo<DownloadActions>(() => {
    function report(error: unknown): null {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
      return null
    }
    async function run(
      id: number,
      action: Parameters<DownloadActions['run']>[1],
    ): Promise<string | null> {
      try {
        switch (action) {
          case 'pause':
          case 'resume':
          case 'retry':
          case 'cancel':
            await client.request(`downloads.${action}`, { ids: [id] })
            return null
          case 'remove':
            await client.request('downloads.remove', { ids: [id] })
            return null
          case 'moveUp':
          case 'moveDown':
            await client.request('downloads.move', { id, to: action === 'moveUp' ? 'up' : 'down' })
            return null
          case 'reveal':
          case 'open': {
            const result = await client.request(
              action === 'reveal' ? 'files.reveal' : 'files.open',
              {
                jobId: id,
              },
            )
            return result.handled ? null : result.path
          }
          case 'openSettings':
            onOpenSettings()
            return null
        }
      } catch (error) {
        return report(error)
      }
    }
    return {
      capabilities: {
        revealFiles: capabilities.revealFiles,
        openFiles: capabilities.openFiles,
        dragFiles: capabilities.dragFiles,
      },
      run,
      isSelected: (id) => picked.has(id),
      toggleSelected(id) {
        setPicked((current) => {
          const next = new Set(current)
          if (!next.delete(id)) next.add(id)
          return next
        })
      },
      dragStart(id, event) {
        if (capabilities.dragFiles) {
          // Electron starts a native file drag from main; the DOM drag must not run as well.
          // Dragging a picked file takes every picked file along.
          event.preventDefault()
          const jobIds = picked.has(id) ? pickedIds : [id]
          client.request('files.startDrag', { jobIds }).catch(report)
          return
        }
        const fileName = store.getJob(id)?.snapshot.fileName
        if (fileName) event.dataTransfer.setData('text/plain', fileName)
      },
    }
  }, [client, capabilities, notify, errorMessage, onOpenSettings, store, picked, pickedIds])

  function runForAll(name: 'downloads.pauseAll' | 'downloads.resumeAll'): void {
    client.request(name).catch((error: unknown) => {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    })
  }

  function clearCompleted(): void {
    client
      .request('downloads.clearCompleted')
      .then((result) =>
        notify({ tone: 'info', text: t('downloads.cleared', { count: result.removed }) }),
      )
      .catch((error: unknown) => notify({ tone: 'error', text: errorMessage(errorDataOf(error)) }))
  }

  function exportFinished(mode: 'copy' | 'move'): void {
    client
      .request('files.export', {
        // The picked files, or every finished one when none is picked.
        jobIds: pickedIds.length > 0 ? pickedIds : [...completedIds],
        mode,
      })
      .then((result) => {
        if (result.canceled && result.transferred === 0) return
        notify({
          tone: result.failed > 0 ? 'error' : 'info',
          text: t('downloads.exported', {
            count: result.transferred,
            path: result.destination ?? '',
            skipped: result.skipped,
            failed: result.failed,
          }),
        })
      })
      .catch((error: unknown) => notify({ tone: 'error', text: errorMessage(errorDataOf(error)) }))
  }

  let body: ReactNode
  if (!loaded && props.syncError) {
    body = (
      <ErrorNotice
        error={props.syncError}
        onRetry={props.onReload}
        onOpenSettings={onOpenSettings}
      />
    )
  } else if (!loaded) {
    body = (
      <StatusMessage kind="loading" title={t('downloads.loading')} testId="downloads-loading" />
    )
  } else if (ids.length === 0) {
    body = <StatusMessage kind="empty" title={t(emptyKeys[filter])} testId="downloads-empty" />
  } else {
    body = <DownloadsList ids={ids} />
  }

  return (
    <section className="screen" data-testid="downloads-screen" aria-labelledby="downloads-heading">
      <h1 id="downloads-heading" className="screen__title">
        {t('downloads.title')}
      </h1>
      <DownloadsToolbar
        filter={filter}
        counts={totals.counts}
        onFilterChange={setFilter}
        onPauseAll={() => runForAll('downloads.pauseAll')}
        onResumeAll={() => runForAll('downloads.resumeAll')}
        onClearCompleted={clearCompleted}
        importControl={<ImportListControl onOpenSettings={onOpenSettings} />}
        {...(capabilities.chooseDirectory ? { onExport: exportFinished } : {})}
      />
      {loaded && props.syncError && (
        <ErrorNotice
          error={props.syncError}
          onRetry={props.onReload}
          onOpenSettings={onOpenSettings}
        />
      )}
      <DownloadActionsProvider actions={actions}>{body}</DownloadActionsProvider>
      <DownloadsFooter totals={totals} />
    </section>
  )
}
