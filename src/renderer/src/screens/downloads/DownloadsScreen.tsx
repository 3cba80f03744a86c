import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ErrorData } from '../../../../shared/errors'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { useNotify } from '../../notices/notices-context'
import { useAppInfo, useSettings } from '../../store/app-state-context'
import { isUnfinished, type JobFilter } from '../../store/job-filters'
import { useJobsStore } from '../../store/jobs-store-context'
import { useJobIds, useJobsLoaded } from '../../store/use-job-ids'
import { useJobTotals } from '../../store/use-job-totals'
import {
  emptySelection,
  reduceSelection,
  type ListSelection,
  type SelectionAction,
} from '../library/selection'
import { ImportListControl } from '../lists/ImportListControl'
import { groupIntoBatches, idsOfKeys, jobKey, type ListEntry } from './batch-groups'
import { CancelDialog } from './CancelDialog'
import { CoversCache } from './covers-cache'
import { DownloadActionsProvider, type DownloadActions } from './download-actions-context'
import { reorderDragType } from './DownloadRowView'
import { DownloadsFooter } from './DownloadsFooter'
import { DownloadsList } from './DownloadsList'
import { DownloadsOverview } from './DownloadsOverview'
import { DownloadsSelectionBar, type SelectionCommand } from './DownloadsSelectionBar'
import { DownloadsToolbar } from './DownloadsToolbar'
import { applyDownloadView, defaultDownloadView, showsQueueOrder } from './downloads-view'
import { useBatchNotes } from './use-batch-notes'
import './downloads.css'

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
  canceled: 'downloads.empty.canceled',
}

/**
 * The download queue for thousands of files: overall progress, filters, search and sort, a
 * virtualized multi-select list of compact rows and batch rows, actions on the selection,
 * reordering by drag or Alt+↑/↓, and the totals per lane.
 */
export function DownloadsScreen(props: DownloadsScreenProps): ReactNode {
  const client = useApi()
  const info = useAppInfo()
  const [settings] = useSettings()
  const store = useJobsStore()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [filter, setFilter] = useState<JobFilter>('all')
  const [view, setView] = useState(defaultDownloadView)
  const filtered = useJobIds(filter)
  const completedIds = useJobIds('completed')
  const loaded = useJobsLoaded()
  const totals = useJobTotals()
  const [toggled, setToggled] = useState<ReadonlySet<number>>(new Set())
  const [selection, setSelection] = useState<ListSelection>(emptySelection)
  const [canceling, setCanceling] = useState<number[] | null>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const { onOpenSettings } = props
  const { capabilities } = info

  const shown = useMemo(
    () => applyDownloadView(filtered, (id) => store.getJob(id)?.snapshot, view),
    [filtered, store, view],
  )
  const reorderable = showsQueueOrder(view)
  const entries = useMemo<ListEntry[]>(
    () =>
      reorderable
        ? groupIntoBatches(shown, (id) => store.getJob(id)?.snapshot.batchId ?? null, toggled)
        : shown.map((id) => ({ kind: 'job', id, key: jobKey(id), inBatch: false })),
    [reorderable, shown, store, toggled],
  )
  const keys = useMemo(() => entries.map((entry) => entry.key), [entries])
  const selectedIds = useMemo(
    () => idsOfKeys(selection.selected, entries),
    [selection.selected, entries],
  )
  const batchIds = useMemo(
    () => entries.flatMap((entry) => (entry.kind === 'batch' ? [entry.batchId] : [])),
    [entries],
  )
  const notes = useBatchNotes(batchIds)
  const covers = useMemo(
    () => new CoversCache((media) => client.request('downloads.covers', { media })),
    [client],
  )

  const onSelectionAction = useCallback(
    (action: SelectionAction) => setSelection((current) => reduceSelection(current, action, keys)),
    [keys],
  )

  const report = useCallback(
    (error: unknown): null => {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
      return null
    },
    [notify, errorMessage],
  )

  /** Asks before canceling: only unfinished jobs can be canceled, and their bytes go. */
  const askCancel = useCallback(
    (ids: readonly number[]) => {
      const unfinished = ids.filter((id) => {
        const state = store.getJob(id)?.snapshot.state
        return state !== undefined && isUnfinished(state)
      })
      if (unfinished.length > 0) setCanceling(unfinished)
    },
    [store],
  )

  const selectedCompleted = useMemo(
    () => selectedIds.filter((id) => store.getJob(id)?.snapshot.state === 'completed'),
    [selectedIds, store],
  )

  const actions = useMemo<DownloadActions>(() => {
    async function run(
      id: number,
      action: Parameters<DownloadActions['run']>[1],
    ): Promise<string | null> {
      try {
        switch (action) {
          case 'pause':
          case 'resume':
          case 'retry':
            await client.request(`downloads.${action}`, { ids: [id] })
            return null
          case 'cancel':
            askCancel([id])
            return null
          case 'remove':
            await client.request('downloads.remove', { ids: [id] })
            return null
          case 'moveTop':
            await client.request('downloads.reorder', { ids: [id], to: 'top' })
            return null
          case 'reveal':
          case 'open': {
            const result = await client.request(
              action === 'reveal' ? 'files.reveal' : 'files.open',
              { jobId: id },
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
      runOnBatch(ids, action) {
        if (action === 'cancel') askCancel(ids)
        else client.request(`downloads.${action}`, { ids: [...ids] }).catch(report)
      },
      dragOut(id, event) {
        if (capabilities.dragFiles) {
          // Electron starts a native file drag from main; the DOM drag must not run as well.
          // Dragging a selected file takes every selected finished file along.
          event.preventDefault()
          const jobIds = selectedCompleted.includes(id) ? selectedCompleted : [id]
          client.request('files.startDrag', { jobIds }).catch(report)
          return
        }
        const fileName = store.getJob(id)?.snapshot.fileName
        if (fileName) event.dataTransfer.setData('text/plain', fileName)
      },
      click(index, event) {
        onSelectionAction({
          type: 'click',
          index,
          shift: event.shiftKey,
          toggle: event.ctrlKey || event.metaKey,
        })
        listRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus({
          preventScroll: true,
        })
      },
      toggle(index, event) {
        onSelectionAction({ type: 'toggle', index, extend: event.shiftKey })
      },
      reorderStart(index, event) {
        const entry = entries[index]
        if (entry?.kind !== 'job') return
        const ids = selection.selected.has(entry.key)
          ? selectedIds.filter((id) => {
              const state = store.getJob(id)?.snapshot.state
              return state !== undefined && state !== 'completed' && state !== 'canceled'
            })
          : [entry.id]
        event.dataTransfer.setData(reorderDragType, JSON.stringify(ids))
        event.dataTransfer.effectAllowed = 'move'
      },
      reorderDrop(index, event) {
        const data = event.dataTransfer.getData(reorderDragType)
        const entry = entries[index]
        if (!data || !entry) return
        event.preventDefault()
        const ids = JSON.parse(data) as number[]
        const before = entry.kind === 'job' ? entry.id : entry.ids[0]
        if (before === undefined || ids.includes(before)) return
        client.request('downloads.reorder', { ids, to: { before } }).catch(report)
      },
      reorderable,
      batchNote: (batchId) => notes.get(batchId),
      toggleBatch(batchId) {
        setToggled((current) => {
          const next = new Set(current)
          if (!next.delete(batchId)) next.add(batchId)
          return next
        })
      },
      covers,
    }
  }, [
    client,
    capabilities,
    report,
    askCancel,
    onOpenSettings,
    store,
    selectedCompleted,
    onSelectionAction,
    entries,
    selection.selected,
    selectedIds,
    reorderable,
    notes,
    covers,
  ])

  function runCommand(command: SelectionCommand): void {
    const ids = selectedIds
    if (ids.length === 0) return
    switch (command) {
      case 'cancel':
        askCancel(ids)
        return
      case 'moveTop':
        client.request('downloads.reorder', { ids, to: 'top' }).catch(report)
        return
      case 'remove':
        client.request('downloads.remove', { ids }).catch(report)
        setSelection(emptySelection)
        return
      case 'pause':
      case 'resume':
      case 'retry':
        client.request(`downloads.${command}`, { ids }).catch(report)
    }
  }

  /** Alt+↑ / Alt+↓: the selected jobs (or the focused one) one place up or down the queue. */
  const moveSelection = useCallback(
    (direction: 'up' | 'down') => {
      if (!reorderable) return
      const focused = entries[selection.focus]
      const ids =
        selectedIds.length > 0 ? selectedIds : focused ? idsOfKeys([focused.key], entries) : []
      if (ids.length === 0) return
      const moving = new Set(ids)
      const positions = shown.flatMap((id, index) => (moving.has(id) ? [index] : []))
      if (positions.length === 0) return
      const others = shown.filter((id) => !moving.has(id))
      if (direction === 'up') {
        const first = Math.min(...positions)
        const previous = shown
          .slice(0, first)
          .filter((id) => !moving.has(id))
          .at(-1)
        if (previous === undefined) return
        client.request('downloads.reorder', { ids, to: { before: previous } }).catch(report)
      } else {
        const last = Math.max(...positions)
        const next = shown.slice(last + 1).find((id) => !moving.has(id))
        if (next === undefined) return
        const after = others[others.indexOf(next) + 1]
        client
          .request('downloads.reorder', {
            ids,
            to: after === undefined ? 'bottom' : { before: after },
          })
          .catch(report)
      }
    },
    [reorderable, entries, selection.focus, selectedIds, shown, client, report],
  )

  const removeSelected = useCallback(() => {
    if (selectedIds.length === 0) return
    client.request('downloads.remove', { ids: selectedIds }).catch(report)
    setSelection(emptySelection)
  }, [client, selectedIds, report])

  function runForAll(name: 'downloads.pauseAll' | 'downloads.resumeAll'): void {
    client.request(name).catch(report)
  }

  function clearCompleted(): void {
    client
      .request('downloads.clearCompleted')
      .then((result) =>
        notify({ tone: 'info', text: t('downloads.cleared', { count: result.removed }) }),
      )
      .catch(report)
  }

  function exportFinished(mode: 'copy' | 'move'): void {
    client
      .request('files.export', {
        // The selected finished files, or every finished one when none is selected.
        jobIds: selectedCompleted.length > 0 ? selectedCompleted : [...completedIds],
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
      .catch(report)
  }

  function confirmCancel(): void {
    const ids = canceling ?? []
    setCanceling(null)
    if (ids.length > 0) client.request('downloads.cancel', { ids }).catch(report)
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
  } else if (entries.length === 0 && view.query.trim() !== '') {
    body = (
      <div className="downloads-empty-search">
        <StatusMessage
          kind="empty"
          title={t('downloads.empty.search', { query: view.query.trim() })}
          testId="downloads-empty"
        />
        <button
          type="button"
          className="button"
          onClick={() => setView({ ...view, query: '' })}
          data-testid="downloads-search-clear"
        >
          {t('downloads.search.clear')}
        </button>
      </div>
    )
  } else if (entries.length === 0) {
    body = <StatusMessage kind="empty" title={t(emptyKeys[filter])} testId="downloads-empty" />
  } else {
    body = (
      <DownloadsList
        entries={entries}
        selection={selection}
        onSelectionAction={onSelectionAction}
        onMove={moveSelection}
        onRemoveSelected={removeSelected}
      />
    )
  }

  const partialBytes = (canceling ?? []).reduce(
    (sum, id) => sum + (store.getJob(id)?.snapshot.doneBytes ?? 0),
    0,
  )

  return (
    <section
      ref={listRef}
      className="screen downloads-screen"
      data-testid="downloads-screen"
      aria-labelledby="downloads-heading"
    >
      <h1 id="downloads-heading" className="screen__title">
        {t('downloads.title')}
      </h1>
      <DownloadsOverview totals={totals} />
      <DownloadsToolbar
        filter={filter}
        counts={totals.counts}
        onFilterChange={(next) => {
          setFilter(next)
          setSelection(emptySelection)
        }}
        view={view}
        onViewChange={setView}
        onPauseAll={() => runForAll('downloads.pauseAll')}
        onResumeAll={() => runForAll('downloads.resumeAll')}
        onClearCompleted={clearCompleted}
        importControl={<ImportListControl onOpenSettings={onOpenSettings} />}
        {...(capabilities.chooseDirectory ? { onExport: exportFinished } : {})}
      />
      {selectedIds.length > 0 && (
        <DownloadsSelectionBar
          count={selectedIds.length}
          onCommand={runCommand}
          onClear={() => setSelection(emptySelection)}
        />
      )}
      {loaded && props.syncError && (
        <ErrorNotice
          error={props.syncError}
          onRetry={props.onReload}
          onOpenSettings={onOpenSettings}
        />
      )}
      <DownloadActionsProvider actions={actions}>{body}</DownloadActionsProvider>
      <DownloadsFooter totals={totals} maxConcurrentJobs={settings.maxConcurrentJobs} />
      {canceling && (
        <CancelDialog
          count={canceling.length}
          partialBytes={partialBytes}
          onConfirm={confirmCancel}
          onClose={() => setCanceling(null)}
        />
      )}
    </section>
  )
}
