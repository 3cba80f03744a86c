import type { ReactNode } from 'react'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { jobFilters, type JobFilter } from '../../store/job-filters'

export interface DownloadsToolbarProps {
  filter: JobFilter
  counts: Readonly<Record<JobFilter, number>>
  onFilterChange: (filter: JobFilter) => void
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
}

/** Filters with counts, and the controls that act on every job. */
export function DownloadsToolbar(props: DownloadsToolbarProps): ReactNode {
  const { t } = useI18n()
  return (
    <div className="toolbar" role="toolbar" aria-label={t('downloads.toolbarLabel')}>
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
      <span className="toolbar__spacer" />
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
    </div>
  )
}
