import type { DragEvent, ReactNode } from 'react'
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
import { ProgressBar } from '../../components/ProgressBar'
import { useI18n, type I18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'
import { isRunning } from '../../store/job-filters'
import { availableJobActions, type RowAction } from './row-actions'

export type RowCapabilities = Pick<AppCapabilities, 'revealFiles' | 'openFiles' | 'dragFiles'>

export interface DownloadRowViewProps {
  snapshot: JobSnapshot
  /** Live figures while the job runs; null otherwise. */
  progress: JobProgress | null
  /** Epoch ms, for the retry countdown. */
  now: number
  canMoveUp: boolean
  canMoveDown: boolean
  capabilities: RowCapabilities
  /** The path the headless host answered for "show path", once asked. */
  revealedPath: string | null
  onAction: (action: RowAction) => void
  onDragStart: (event: DragEvent<HTMLDivElement>) => void
  /** Whether this finished file is picked (for dragging or exporting several at once). */
  selected?: boolean
  onToggleSelected?: () => void
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

/** One download job: name, progress, figures, state, error with its fix, and controls. */
export function DownloadRowView(props: DownloadRowViewProps): ReactNode {
  const i18n = useI18n()
  const { t, language, errorMessage } = i18n
  const { snapshot, progress } = props
  const running = isRunning(snapshot.state)
  const done = progress?.doneBytes ?? snapshot.doneBytes
  const total = progress?.totalBytes ?? snapshot.totalBytes
  const fraction = snapshot.state === 'completed' ? 1 : total ? done / total : null
  const actions = availableJobActions(snapshot.state)
  const completed = snapshot.state === 'completed'
  const errorAction = snapshot.error ? errorActionFor(snapshot.error.code) : 'none'

  function button(action: RowAction, label: string, enabled = true): ReactNode {
    if (!actions.has(action)) return null
    return (
      <button
        type="button"
        className="button button--small"
        disabled={!enabled}
        onClick={() => props.onAction(action)}
        data-testid={`download-row-${action}`}
        aria-label={`${label}: ${snapshot.fileName}`}
        title={label}
      >
        {label}
      </button>
    )
  }

  return (
    <div
      className={`download-row download-row--${snapshot.state}`}
      data-testid="download-row"
      data-job-id={snapshot.id}
      data-state={snapshot.state}
      draggable={completed}
      onDragStart={completed ? props.onDragStart : undefined}
    >
      <div className="download-row__main">
        {completed && props.onToggleSelected && (
          <input
            type="checkbox"
            className="download-row__select"
            checked={props.selected ?? false}
            onChange={props.onToggleSelected}
            aria-label={`${t('downloads.select')}: ${snapshot.fileName}`}
            data-testid="download-row-select"
          />
        )}
        <Badge tone={stateTones[snapshot.state]} testId="download-row-state">
          {describeJobState(i18n, snapshot, props.now)}
        </Badge>
        <span className="download-row__name" title={`${snapshot.directory} · ${snapshot.label}`}>
          {snapshot.fileName}
        </span>
        <span className="download-row__controls">
          {button('pause', t('action.pause'))}
          {button('resume', t('action.resume'))}
          {button('retry', t('action.retry'))}
          {button('cancel', t('action.cancel'))}
          {button('moveUp', t('action.moveUp'), props.canMoveUp)}
          {button('moveDown', t('action.moveDown'), props.canMoveDown)}
          {completed && props.capabilities.revealFiles && button('reveal', t('action.reveal'))}
          {completed && props.capabilities.openFiles && button('open', t('action.open'))}
          {completed && !props.capabilities.revealFiles && button('reveal', t('action.showPath'))}
          {button('remove', t('action.remove'))}
        </span>
      </div>
      <ProgressBar
        value={fraction}
        label={t('downloads.progressLabel', { name: snapshot.fileName })}
        tone={progressTone(snapshot.state)}
        testId="download-row-progress"
      />
      <div className="download-row__figures" data-testid="download-row-figures">
        <span>
          {formatBytes(done)} / {formatBytes(total)} · {formatPercent(done, total)}
        </span>
        {running && (
          <>
            <span data-testid="download-row-speed">{formatSpeed(progress?.speed)}</span>
            <span data-testid="download-row-eta">
              {t('downloads.eta', { eta: formatEta(progress?.etaSeconds, language) })}
            </span>
          </>
        )}
        {props.revealedPath && (
          <span className="download-row__path" data-testid="download-row-path">
            {props.revealedPath}
          </span>
        )}
      </div>
      {snapshot.error && snapshot.state !== 'completed' && (
        <div className="download-row__error" role="alert" data-testid="download-row-error">
          <span>
            {snapshot.state === 'failed' ? '' : `${t('downloads.lastError')} `}
            {errorMessage(snapshot.error)}
          </span>
          {errorAction === 'settings' && (
            <button
              type="button"
              className="button button--small"
              onClick={() => props.onAction('openSettings')}
              data-testid="download-row-openSettings"
            >
              {t('action.openSettings')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
