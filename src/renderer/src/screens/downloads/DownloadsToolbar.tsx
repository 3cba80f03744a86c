import { ArrowDownWideNarrow, ArrowUpNarrowWide, Search } from 'lucide-react'
import type { ReactNode } from 'react'
import { IconButton } from '../../components/IconButton'
import { Select } from '../../components/Select'
import { Toolbar, ToolbarSpacer } from '../../components/Toolbar'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { jobFilters, type JobFilter } from '../../store/job-filters'
import { downloadSorts, type DownloadSort, type DownloadView } from './downloads-view'

export interface DownloadsToolbarProps {
  filter: JobFilter
  counts: Readonly<Record<JobFilter, number>>
  onFilterChange: (filter: JobFilter) => void
  view: DownloadView
  onViewChange: (view: DownloadView) => void
  onPauseAll: () => void
  onResumeAll: () => void
  onClearCompleted: () => void
  /** Present in the desktop app: copy or move every finished file to a folder. */
  onExport?: (mode: 'copy' | 'move') => void
  /** The "Import list…" control, which owns its file picker and result dialog. */
  importControl?: ReactNode
}

const filterKeys: Record<JobFilter, MessageKey> = {
  all: 'downloads.filter.all',
  active: 'downloads.filter.active',
  completed: 'downloads.filter.completed',
  failed: 'downloads.filter.failed',
  canceled: 'downloads.filter.canceled',
}

const sortKeys: Record<DownloadSort, MessageKey> = {
  queue: 'downloads.sort.queue',
  name: 'downloads.sort.name',
  state: 'downloads.sort.state',
  size: 'downloads.sort.size',
  added: 'downloads.sort.added',
}

/** Filters with counts, search and sort, and the controls that act on every job. */
export function DownloadsToolbar(props: DownloadsToolbarProps): ReactNode {
  const { t } = useI18n()
  const { view } = props
  return (
    <Toolbar className="downloads-toolbar" label={t('downloads.toolbarLabel')}>
      <div className="segmented" role="group" aria-label={t('downloads.filterLabel')}>
        {jobFilters.map((filter) => (
          <button
            key={filter}
            type="button"
            className="segmented__option"
            aria-pressed={props.filter === filter}
            onClick={() => props.onFilterChange(filter)}
            data-testid={`downloads-filter-${filter}`}
          >
            {t(filterKeys[filter])} <span className="count">{props.counts[filter]}</span>
          </button>
        ))}
      </div>
      <label className="downloads-search">
        <Search size={14} aria-hidden="true" focusable="false" />
        <input
          type="search"
          value={view.query}
          placeholder={t('downloads.search')}
          aria-label={t('downloads.search')}
          onChange={(event) => props.onViewChange({ ...view, query: event.target.value })}
          data-testid="downloads-search"
        />
      </label>
      <label className="downloads-sort">
        <span className="visually-hidden">{t('downloads.sort')}</span>
        <Select
          value={view.sort}
          options={downloadSorts.map((sort) => ({ value: sort, label: t(sortKeys[sort]) }))}
          ariaLabel={t('downloads.sort')}
          onChange={(sort) => props.onViewChange({ ...view, sort })}
          testId="downloads-sort"
        />
      </label>
      <IconButton
        icon={view.descending ? ArrowDownWideNarrow : ArrowUpNarrowWide}
        label={view.descending ? t('downloads.sort.descending') : t('downloads.sort.ascending')}
        onClick={() => props.onViewChange({ ...view, descending: !view.descending })}
        testId="downloads-sort-direction"
      />
      <ToolbarSpacer />
      {props.importControl}
      <button
        type="button"
        className="button"
        onClick={props.onPauseAll}
        data-testid="downloads-pause-all"
      >
        {t('downloads.pauseAll')}
      </button>
      <button
        type="button"
        className="button"
        onClick={props.onResumeAll}
        data-testid="downloads-resume-all"
      >
        {t('downloads.resumeAll')}
      </button>
      {props.onExport && (
        <>
          <button
            type="button"
            className="button"
            onClick={() => props.onExport?.('copy')}
            disabled={props.counts.completed === 0}
            data-testid="downloads-export-copy"
          >
            {t('downloads.exportCopy')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => props.onExport?.('move')}
            disabled={props.counts.completed === 0}
            data-testid="downloads-export-move"
          >
            {t('downloads.exportMove')}
          </button>
        </>
      )}
      <button
        type="button"
        className="button"
        onClick={props.onClearCompleted}
        disabled={props.counts.completed === 0}
        data-testid="downloads-clear-completed"
      >
        {t('downloads.clearCompleted')}
      </button>
    </Toolbar>
  )
}
