import { ChevronDown, ChevronRight, Pause, Play, X } from 'lucide-react'
import { memo, type MouseEvent, type ReactNode } from 'react'
import type { BatchInfo } from '../../../../shared/contract'
import { formatBytes, formatDateTime } from '../../../../shared/format'
import { IconButton } from '../../components/IconButton'
import { ProgressBar } from '../../components/ProgressBar'
import { useNow } from '../../hooks/clock-context'
import { useI18n, type I18n } from '../../i18n/i18n-context'
import { useJobsStore } from '../../store/jobs-store-context'
import { useDownloadActions } from './download-actions-context'
import { downloadOptionId } from './DownloadRow'
import { plural } from './plural'

export interface BatchRowProps {
  batchId: number
  ids: readonly number[]
  expanded: boolean
  index: number
  selected: boolean
  focused: boolean
}

interface BatchFigures {
  completed: number
  failed: number
  active: number
  paused: number
  canceled: number
  doneBytes: number
  totalBytes: number
  createdAt: number
}

/** Names shown in "4 media had nothing matching: …"; the count says the rest. */
const namedSkipped = 4

/** What the batch was made from, as its row names it. */
export function describeBatchOrigin(
  i18n: I18n,
  note: BatchInfo | undefined,
  count: number,
): string {
  const { t } = i18n
  const origin = note?.origin
  if (!origin) return t('downloads.batch.origin.unknown', { count })
  if (origin.kind === 'files') {
    return origin.title !== null
      ? t('downloads.batch.origin.filesOf', { title: origin.title })
      : t('downloads.batch.origin.files', { count: origin.mediaCount })
  }
  const media = origin.mediaCount
  switch (origin.selection) {
    case 'source':
      return t('downloads.batch.origin.source', { count: media })
    case 'rendition':
      return origin.definition
        ? t('downloads.batch.origin.renditionOf', { count: media, definition: origin.definition })
        : t('downloads.batch.origin.rendition', { count: media })
    case 'snapshots':
      return t('downloads.batch.origin.snapshots', { count: media })
    case 'all':
      return t('downloads.batch.origin.all', { count: media })
  }
}

/**
 * The header row of a batch: what was selected and when, its files done out of all (the bar
 * measures files, as its text does), its bytes, Pause / Resume / Cancel for the whole batch, and
 * the media that gave nothing, by name. It reads its members' figures from the store a few times
 * a second instead of subscribing to thousands of jobs, so a batch of 5,000 files costs one
 * row's work per frame.
 */
export const BatchRow = memo(function BatchRow(props: BatchRowProps): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const store = useJobsStore()
  const actions = useDownloadActions()
  useNow(true)
  const figures: BatchFigures = {
    completed: 0,
    failed: 0,
    active: 0,
    paused: 0,
    canceled: 0,
    doneBytes: 0,
    totalBytes: 0,
    createdAt: Number.POSITIVE_INFINITY,
  }
  for (const id of props.ids) {
    const view = store.getJob(id)
    if (!view) continue
    const { snapshot, progress } = view
    if (snapshot.state === 'completed') figures.completed += 1
    else if (snapshot.state === 'failed') figures.failed += 1
    else if (snapshot.state === 'paused') figures.paused += 1
    else if (snapshot.state === 'canceled') figures.canceled += 1
    else figures.active += 1
    figures.doneBytes += progress?.doneBytes ?? snapshot.doneBytes
    figures.totalBytes += progress?.totalBytes ?? snapshot.totalBytes ?? 0
    figures.createdAt = Math.min(figures.createdAt, snapshot.createdAt)
  }
  const count = props.ids.length
  const note = actions.batchNote(props.batchId)
  const name = describeBatchOrigin(i18n, note, count)
  const skipped = note?.skippedMediaItems ?? []
  const skippedNames = skipped
    .slice(0, namedSkipped)
    .map((item) => item.title ?? item.mediaId)
    .join(', ')
  const toggle = (event: MouseEvent): void => {
    event.stopPropagation()
    actions.toggleBatch(props.batchId)
  }
  const Chevron = props.expanded ? ChevronDown : ChevronRight
  return (
    <div
      id={downloadOptionId(`b:${props.batchId}`)}
      role="option"
      aria-selected={props.selected}
      aria-expanded={props.expanded}
      className={`download-row download-row--batch${props.selected ? ' download-row--selected' : ''}${props.focused ? ' download-row--focused' : ''}`}
      data-testid="download-batch-row"
      data-batch-id={props.batchId}
      onClick={(event) => actions.click(props.index, event)}
    >
      <button
        type="button"
        className="icon-button"
        tabIndex={-1}
        aria-expanded={props.expanded}
        aria-label={props.expanded ? t('downloads.batch.collapse') : t('downloads.batch.expand')}
        data-tooltip={props.expanded ? t('downloads.batch.collapse') : t('downloads.batch.expand')}
        onClick={toggle}
        data-testid="download-batch-toggle"
      >
        <Chevron size={16} aria-hidden="true" focusable="false" />
      </button>
      <input
        type="checkbox"
        className="download-row__select"
        checked={props.selected}
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation()
          actions.toggle(props.index, event)
        }}
        onChange={() => undefined}
        aria-label={t('downloads.selectRow', { name })}
        data-testid="download-batch-select"
      />
      <span className="download-row__text download-batch__text">
        <span className="download-row__name" data-testid="download-batch-name">
          {name}
        </span>
        <span className="download-row__kind">
          {Number.isFinite(figures.createdAt) &&
            t('downloads.batch.added', {
              time: formatDateTime(note?.createdAt ?? figures.createdAt),
            })}
        </span>
      </span>
      <span className="download-row__size">
        {formatBytes(figures.doneBytes)} / {formatBytes(figures.totalBytes)}
      </span>
      <span className="download-row__progress">
        <ProgressBar
          value={count === 0 ? 0 : figures.completed / count}
          label={t('downloads.batch.progress')}
          tone={figures.failed > 0 ? 'error' : figures.completed === count ? 'done' : 'normal'}
          testId="download-batch-progress"
        />
        <span className="download-row__percent" data-testid="download-batch-files">
          {t('downloads.batch.files', { done: figures.completed, count })}
        </span>
      </span>
      <span
        className="download-row__speed download-batch__rest"
        data-testid="download-batch-summary"
      >
        {t('downloads.batch.rest', {
          active: figures.active + figures.paused,
          failed: figures.failed,
        })}
        {figures.canceled > 0 &&
          `${i18n.language === 'zh-CN' ? '，' : ', '}${t('downloads.batch.canceled', { count: figures.canceled })}`}
      </span>
      <span className="download-row__state" />
      <span className="download-row__controls">
        {figures.active > 0 && (
          <IconButton
            icon={Pause}
            label={t('downloads.batch.pause')}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation()
              actions.runOnBatch(props.ids, 'pause')
            }}
            testId="download-batch-pause"
          />
        )}
        {figures.paused > 0 && (
          <IconButton
            icon={Play}
            label={t('downloads.batch.resume')}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation()
              actions.runOnBatch(props.ids, 'resume')
            }}
            testId="download-batch-resume"
          />
        )}
        {figures.active + figures.paused > 0 && (
          <IconButton
            icon={X}
            tone="danger"
            label={t('downloads.batch.cancel')}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation()
              actions.runOnBatch(props.ids, 'cancel')
            }}
            testId="download-batch-cancel"
          />
        )}
      </span>
      {(note?.skippedMedia ?? 0) > 0 && (
        <span className="download-row__note" data-testid="download-batch-skipped">
          {plural(i18n, 'downloads.batch.skipped', note?.skippedMedia ?? 0, {
            names: skippedNames,
          })}
          {(note?.skippedMedia ?? 0) > Math.min(namedSkipped, skipped.length) && ' …'}
        </span>
      )}
    </div>
  )
})
