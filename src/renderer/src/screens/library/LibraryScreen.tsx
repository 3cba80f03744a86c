import { useCallback, useMemo, useState, type ReactNode } from 'react'
import type { MediaSummary, MediaType } from '../../../../shared/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StatusMessage } from '../../components/StatusMessage'
import { useI18n } from '../../i18n/i18n-context'
import { useAccount, useAccountRevision } from '../../store/app-state-context'
import { ExportDialog } from '../lists/ExportDialog'
import {
  clearedFilters,
  dateRangeReversed,
  hasNarrowingFilters,
  initialLibraryFilters,
  toLibraryQuery,
  type LibraryFilters,
} from './library-filters'
import { LibraryToolbar } from './LibraryToolbar'
import { MediaList } from './MediaList'
import { MediaTypeTabs } from './MediaTypeTabs'
import {
  emptySelection,
  reduceSelection,
  type ListSelection,
  type SelectionAction,
} from './selection'
import { SelectionBar } from './SelectionBar'
import { useCategories } from './use-categories'
import { useLibrarySearch } from './use-library-search'
import './library.css'

export interface LibraryScreenProps {
  onOpenDetails: (media: { mediaId: string; mediaType: MediaType }) => void
  onBatch: (batch: { mediaType: MediaType; mediaIds: string[] }) => void
  onOpenSettings: () => void
}

/** Browse and search the VOD library, select media, and hand them to Details or Batch. */
export function LibraryScreen(props: LibraryScreenProps): ReactNode {
  const { t } = useI18n()
  const [account] = useAccount()
  const accountRevision = useAccountRevision()
  const [filters, setFilters] = useState<LibraryFilters>(initialLibraryFilters)
  const [draftTitle, setDraftTitle] = useState('')
  const [exporting, setExporting] = useState(false)
  const query = useMemo(() => toLibraryQuery(filters), [filters])
  // After an account change, a library showing an error tries again: the change (a corrected
  // secret has the same AccessKey ID) may be its fix. Without an error the results stand.
  const [retry, setRetry] = useState({ revision: accountRevision, attempt: 0 })
  // Results belong to one account: switching accounts (or regions) starts over.
  const accountKey = account.configured
    ? [
        account.kind,
        account.maskedAccessKeyId,
        account.regionId,
        account.endpoint,
        retry.attempt,
      ].join('|')
    : null
  // A range that ends before it starts is not sent: VOD would answer with a raw refusal.
  const reversed = dateRangeReversed(filters)
  const search = useLibrarySearch(query, reversed ? null : accountKey)
  const categories = useCategories(filters.mediaType, accountKey)
  if (retry.revision !== accountRevision) {
    setRetry({ revision: accountRevision, attempt: retry.attempt + (search.error ? 1 : 0) })
  }
  const [selectionState, setSelectionState] = useState<{ key: string; selection: ListSelection }>({
    key: search.queryKey,
    selection: emptySelection,
  })
  // A new query starts with nothing selected (adjusting state during render, as React advises).
  if (selectionState.key !== search.queryKey) {
    setSelectionState({ key: search.queryKey, selection: emptySelection })
  }
  const selection =
    selectionState.key === search.queryKey ? selectionState.selection : emptySelection
  const { items } = search
  const panelId = 'library-panel'

  const onSelectionAction = useCallback(
    (action: SelectionAction) => {
      const keys = items.map((item) => item.mediaId)
      setSelectionState((current) => ({
        key: current.key,
        selection: reduceSelection(current.selection, action, keys),
      }))
    },
    [items],
  )

  const { onOpenDetails, onBatch } = props
  const openItem = useCallback(
    (item: MediaSummary) => onOpenDetails({ mediaId: item.mediaId, mediaType: item.mediaType }),
    [onOpenDetails],
  )

  function changeFilters(patch: Partial<LibraryFilters>): void {
    setFilters((current) => {
      const next = { ...current, ...patch }
      // Categories and statuses differ per media type.
      if (patch.mediaType && patch.mediaType !== current.mediaType) {
        next.categoryId = null
        next.status = ''
      }
      return next
    })
  }

  const selectedIds = items
    .filter((item) => selection.selected.has(item.mediaId))
    .map((item) => item.mediaId)
  const singleSelected =
    selectedIds.length === 1 ? items.find((item) => item.mediaId === selectedIds[0]) : undefined

  let body: ReactNode
  if (!account.configured) {
    body = (
      <StatusMessage
        kind="empty"
        title={t('library.notConfigured')}
        detail={t('library.notConfiguredDetail')}
        action={{ label: t('action.openSettings'), onClick: props.onOpenSettings }}
        testId="library-not-configured"
      />
    )
  } else if (reversed) {
    body = (
      <StatusMessage
        kind="empty"
        title={t('library.dateRangeReversed')}
        detail={t('library.dateRangeReversedDetail')}
        action={{
          label: t('library.swapDates'),
          onClick: () =>
            changeFilters({ createdFrom: filters.createdTo, createdTo: filters.createdFrom }),
          testId: 'library-swap-dates',
        }}
        testId="library-date-problem"
      />
    )
  } else if (search.loading) {
    body = <StatusMessage kind="loading" title={t('library.loading')} testId="library-loading" />
  } else if (search.error && items.length === 0) {
    body = (
      <ErrorNotice
        error={search.error}
        onRetry={search.reload}
        onOpenSettings={props.onOpenSettings}
        testId="library-error"
      />
    )
  } else if (items.length === 0) {
    body = (
      <StatusMessage
        kind="empty"
        title={t('library.empty')}
        action={
          hasNarrowingFilters(filters)
            ? {
                label: t('library.clearFilters'),
                onClick: () => {
                  setFilters(clearedFilters(filters))
                  setDraftTitle('')
                },
                testId: 'library-clear-filters',
              }
            : undefined
        }
        testId="library-empty"
      />
    )
  } else {
    body = (
      <>
        <MediaList
          items={items}
          selection={selection}
          hasMore={search.hasMore && search.error === null}
          loadingMore={search.loadingMore}
          onSelectionAction={onSelectionAction}
          onOpen={openItem}
          onLoadMore={search.loadMore}
        />
        {search.error && (
          <ErrorNotice error={search.error} onRetry={search.loadMore} testId="library-error" />
        )}
      </>
    )
  }

  return (
    <section className="screen" data-testid="library-screen" aria-labelledby="library-heading">
      <h1 id="library-heading" className="screen__title">
        {t('library.title')}
      </h1>
      <MediaTypeTabs
        value={filters.mediaType}
        onChange={(mediaType) => changeFilters({ mediaType })}
        panelId={panelId}
      />
      <LibraryToolbar
        filters={filters}
        draftTitle={draftTitle}
        categories={categories}
        onDraftTitleChange={setDraftTitle}
        onSubmitTitle={() =>
          // Searching again for the same title searches again (after an error, say).
          draftTitle === filters.title ? search.reload() : changeFilters({ title: draftTitle })
        }
        onFiltersChange={changeFilters}
      />
      <div id={panelId} role="tabpanel" className="screen__body">
        {body}
      </div>
      <SelectionBar
        selectedCount={selectedIds.length}
        loadedCount={items.length}
        total={search.total}
        onDownload={() => onBatch({ mediaType: filters.mediaType, mediaIds: selectedIds })}
        onOpenDetails={singleSelected ? () => openItem(singleSelected) : null}
        onClear={() => onSelectionAction({ type: 'clear' })}
        onExport={account.configured && items.length > 0 ? () => setExporting(true) : null}
      />
      {exporting && (
        <ExportDialog
          mediaType={filters.mediaType}
          query={query}
          selectedIds={selectedIds}
          total={search.total}
          onClose={() => setExporting(false)}
          onOpenSettings={props.onOpenSettings}
        />
      )}
    </section>
  )
}
