import {
  ArrowUpToLine,
  ExternalLink,
  FolderOpen,
  GripVertical,
  Pause,
  Play,
  RotateCw,
  Settings,
  Trash2,
  X,
  type LucideIcon,
} from 'lucide-react'
import type { DragEvent, MouseEvent, ReactNode } from 'react'
import type { AppCapabilities } from '../../../../shared/contract'
import {
  formatBytes,
  formatEta,
  formatPercent,
  formatSpeed,
  secondsUntil,
} from '../../../../shared/format'
import type { JobProgress, JobSnapshot } from '../../../../shared/jobs'
import { Badge, type BadgeTone } from '../../components/Badge'
import { errorActionFor } from '../../components/error-action'
import { IconButton } from '../../components/IconButton'
import { Thumbnail } from '../../components/Thumbnail'
import { describeRestoreWait, isRestoreWait } from '../../components/restore-wait'
import { ProgressBar } from '../../components/ProgressBar'
import { useI18n, type I18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { isRunning } from '../../store/job-filters'
import { displayName } from './downloads-view'
import { availableJobActions, type RowAction } from './row-actions'

export type RowCapabilities = Pick<AppCapabilities, 'revealFiles' | 'openFiles' | 'dragFiles'>

export interface DownloadRowViewProps {
  /** The element id `aria-activedescendant` points at. */
  optionId: string
  snapshot: JobSnapshot
  /** Live figures while the job runs; null otherwise. */
  progress: JobProgress | null
  /** Epoch ms, for the retry countdown. */
  now: number
  /** The media's cover thumbnail, when it has one. */
  cover: string | null
  capabilities: RowCapabilities
  /** The path the headless host answered for "show path", once asked. */
  revealedPath: string | null
  selected: boolean
  focused: boolean
  inBatch: boolean
  /** Shows the drag handle (queue order, nothing searched). */
  reorderable: boolean
  onAction: (action: RowAction) => void
  onClick: (event: MouseEvent) => void
  onToggle: (event: MouseEvent) => void
  onDragOut: (event: DragEvent<HTMLDivElement>) => void
  onReorderStart: (event: DragEvent<HTMLElement>) => void
  onReorderDrop: (event: DragEvent<HTMLElement>) => void
}

const stateTones: Record<JobSnapshot['state'], BadgeTone> = {
  queued: 'neutral',
  probing: 'info',
  downloading: 'info',
  refreshing: 'warning',
  retrying: 'warning',
  verifying: 'info',
  completed: 'success',
  paused: 'neutral',
  failed: 'danger',
  canceled: 'neutral',
}

const stateKeys: Record<JobSnapshot['state'], MessageKey> = {
  queued: 'state.queued',
  probing: 'state.probing',
  downloading: 'state.downloading',
  refreshing: 'state.refreshing',
  retrying: 'state.retrying',
  verifying: 'state.verifying',
  completed: 'state.completed',
  paused: 'state.paused',
  failed: 'state.failed',
  canceled: 'state.canceled',
}

/** The state as a person reads it, with the retry countdown when one is scheduled. */
export function describeJobState(i18n: I18n, snapshot: JobSnapshot, now: number): string {
  if (isRestoreWait(snapshot)) return describeRestoreWait(i18n, snapshot, now)
  if (snapshot.state === 'retrying' && snapshot.nextAttemptAt !== null) {
    return i18n.t('state.retryingIn', { seconds: secondsUntil(snapshot.nextAttemptAt, now) })
  }
  return i18n.t(stateKeys[snapshot.state])
}

function progressTone(state: JobSnapshot['state']): 'normal' | 'paused' | 'error' | 'done' {
  if (state === 'completed') return 'done'
  if (state === 'failed') return 'error'
  if (state === 'paused' || state === 'canceled' || state === 'queued') return 'paused'
  return 'normal'
}

/** The data type a reordering drag carries (the jobs' ids), so other drops are ignored. */
export const reorderDragType = 'application/x-vod-downloader-jobs'

/** Errors that only say "stopped retrying": the row says it in words that fit "Failed". */
const gaveUpMessages: Partial<Record<string, MessageKey>> = {
  NetworkError: 'downloads.failed.NetworkError',
  Timeout: 'downloads.failed.Timeout',
  ServerError: 'downloads.failed.ServerError',
}

/** What kind of file a job is: "HD · mp4", "Source", "Snapshot", "Link". */
export function describeJobKind(i18n: I18n, snapshot: JobSnapshot): string {
  const { source } = snapshot
  if (source.kind === 'url') return i18n.t('downloads.kind.url')
  const { reference } = source
  switch (reference.kind) {
    case 'rendition':
      return (
        [reference.definition, reference.format].filter(Boolean).join(' · ') ||
        i18n.t('downloads.kind.rendition')
      )
    case 'source':
      return i18n.t('downloads.kind.source')
    case 'cover':
      return i18n.t('downloads.kind.cover')
    case 'snapshot':
      return i18n.t('downloads.kind.snapshot')
    case 'sprite':
    case 'sprite-origin':
    case 'webvtt':
      return i18n.t('downloads.kind.sprite')
    case 'image':
      return i18n.t('downloads.kind.image')
    case 'image-original':
      return i18n.t('downloads.kind.original')
  }
}

const actionIcons: Record<RowAction, LucideIcon> = {
  pause: Pause,
  resume: Play,
  retry: RotateCw,
  cancel: X,
  remove: Trash2,
  moveTop: ArrowUpToLine,
  reveal: FolderOpen,
  open: ExternalLink,
  openSettings: Settings,
}

/**
 * One download as a compact row: cover, name and kind, size, a progress bar, speed and time
 * left while it runs, its state, and icon buttons for what makes sense in that state. A failed
 * row shows a still bar and one message that fits "Failed"; a canceled row says its partial
 * file is gone and offers Retry (which starts over).
 */
export function DownloadRowView(props: DownloadRowViewProps): ReactNode {
  const i18n = useI18n()
  const { t, language, errorMessage } = i18n
  const { snapshot, progress } = props
  const running = isRunning(snapshot.state)
  const done = progress?.doneBytes ?? snapshot.doneBytes
  const total = progress?.totalBytes ?? snapshot.totalBytes
  const completed = snapshot.state === 'completed'
  const canceled = snapshot.state === 'canceled'
  // Only a running job may show an indeterminate (moving) bar; anything else stands still.
  const fraction = completed ? 1 : total ? done / total : running ? null : 0
  const actions = availableJobActions(snapshot.state)
  const name = displayName(snapshot)
  const errorAction = snapshot.error ? errorActionFor(snapshot.error.code) : 'none'
  const gaveUp =
    snapshot.state === 'failed' && snapshot.error ? gaveUpMessages[snapshot.error.code] : undefined
  const showError = snapshot.error !== null && !completed && !canceled

  function button(action: RowAction, label: string, tone?: 'danger'): ReactNode {
    if (!actions.has(action) && action !== 'openSettings') return null
    return (
      <IconButton
        icon={actionIcons[action]}
        label={label}
        target={name}
        tone={tone}
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation()
          props.onAction(action)
        }}
        testId={`download-row-${action}`}
      />
    )
  }

  return (
    <div
      id={props.optionId}
      role="option"
      aria-selected={props.selected}
      className={`download-row download-row--${snapshot.state}${props.selected ? ' download-row--selected' : ''}${props.focused ? ' download-row--focused' : ''}${props.inBatch ? ' download-row--in-batch' : ''}`}
      data-testid="download-row"
      data-job-id={snapshot.id}
      data-state={snapshot.state}
      draggable={completed}
      onDragStart={completed ? props.onDragOut : undefined}
      onClick={props.onClick}
      onDragOver={(event) => {
        if (props.reorderable && event.dataTransfer.types.includes(reorderDragType)) {
          event.preventDefault()
        }
      }}
      onDrop={props.reorderable ? props.onReorderDrop : undefined}
    >
      <span className="download-row__grip">
        {props.reorderable && !completed && !canceled && (
          <span
            className="drag-handle"
            draggable
            onDragStart={(event) => {
              event.stopPropagation()
              props.onReorderStart(event)
            }}
            title={t('downloads.dragHandle', { name })}
            aria-hidden="true"
            data-testid="download-row-handle"
          >
            <GripVertical size={14} aria-hidden="true" focusable="false" />
          </span>
        )}
      </span>
      <input
        type="checkbox"
        className="download-row__select"
        checked={props.selected}
        tabIndex={-1}
        onClick={(event) => {
          event.stopPropagation()
          props.onToggle(event)
        }}
        onChange={() => undefined}
        aria-label={t('downloads.selectRow', { name })}
        data-testid="download-row-select"
      />
      <span className="download-row__thumb">
        <Thumbnail src={props.cover} alt="" placeholder="" />
      </span>
      <span className="download-row__text">
        <span className="download-row__name" title={`${snapshot.directory} · ${snapshot.label}`}>
          {name}
        </span>
        <span className="download-row__kind" data-testid="download-row-kind">
          {describeJobKind(i18n, snapshot)}
          {props.revealedPath && ' · '}
          {props.revealedPath && (
            <span className="download-row__path" data-testid="download-row-path">
              {props.revealedPath}
            </span>
          )}
        </span>
      </span>
      <span className="download-row__size" data-testid="download-row-figures">
        {canceled ? '—' : `${formatBytes(done)} / ${formatBytes(total)}`}
      </span>
      <span className="download-row__progress">
        <ProgressBar
          value={canceled ? 0 : fraction}
          label={t('downloads.progressLabel', { name })}
          tone={progressTone(snapshot.state)}
          testId="download-row-progress"
        />
        <span className="download-row__percent">{canceled ? '' : formatPercent(done, total)}</span>
      </span>
      <span className="download-row__speed">
        {running && (
          <>
            <span data-testid="download-row-speed">{formatSpeed(progress?.speed)}</span>
            <span data-testid="download-row-eta">
              {t('downloads.eta', { eta: formatEta(progress?.etaSeconds, language) })}
            </span>
          </>
        )}
      </span>
      <span className="download-row__state">
        <Badge tone={stateTones[snapshot.state]} testId="download-row-state">
          {describeJobState(i18n, snapshot, props.now)}
        </Badge>
      </span>
      <span className="download-row__controls">
        {button('pause', t('action.pause'))}
        {button('resume', t('action.resume'))}
        {button('retry', t('action.retry'))}
        {button('moveTop', t('downloads.moveTop'))}
        {completed && props.capabilities.revealFiles && button('reveal', t('action.reveal'))}
        {completed && props.capabilities.openFiles && button('open', t('action.open'))}
        {completed && !props.capabilities.revealFiles && button('reveal', t('action.showPath'))}
        {errorAction === 'settings' &&
          showError &&
          button('openSettings', t('action.openSettings'))}
        {button('cancel', t('action.cancel'), 'danger')}
        {button('remove', t('action.remove'), 'danger')}
      </span>
      {(showError || canceled) && (
        <span
          className={`download-row__note${showError && snapshot.state === 'failed' ? ' download-row__note--error' : ''}`}
          role={snapshot.state === 'failed' ? 'alert' : undefined}
          data-testid={canceled ? 'download-row-canceled' : 'download-row-error'}
        >
          {canceled
            ? t('downloads.rowCanceled')
            : gaveUp
              ? t(gaveUp)
              : `${snapshot.state === 'failed' ? '' : `${t('downloads.lastError')} `}${errorMessage(snapshot.error!)}`}
        </span>
      )}
    </div>
  )
}
