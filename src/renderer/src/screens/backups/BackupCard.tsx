import { useState, type ReactNode } from 'react'
import type { BackupView, Category } from '../../../../shared/contract'
import { formatBytes, formatDateTime } from '../../../../shared/format'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

export interface BackupCardProps {
  backup: BackupView
  categories: readonly Category[]
  onRun: () => void
  onEdit: () => void
  onRemove: () => void
}

/** One saved backup: what it copies where, its schedule, its last run or its progress. */
export function BackupCard(props: BackupCardProps): ReactNode {
  const { t, errorMessage } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const { backup } = props
  const { lastRun, running } = backup
  return (
    <article className="card" data-testid="backup-card" data-backup-id={backup.id}>
      <h2 className="card__title" data-testid="backup-name">
        {backup.name}
      </h2>
      <p className="muted" data-testid="backup-what">
        {describeSource(backup, props.categories, t)} ·{' '}
        {backup.files.map((word) => t(`backups.file.${word}` as MessageKey)).join(', ')} →{' '}
        <span className="input--mono">{backup.folder}</span>
      </p>
      <p className="muted" data-testid="backup-schedule">
        {backup.scheduleHours === null || backup.nextRunAt === null
          ? t('backups.manual')
          : t('backups.every', {
              hours: backup.scheduleHours,
              time: formatDateTime(backup.nextRunAt),
            })}
      </p>
      {running ? (
        <p role="status" data-testid="backup-running">
          {t('backups.running', { phase: describePhase(running, t) })}
        </p>
      ) : lastRun ? (
        <div
          data-testid="backup-last-run"
          data-outcome={lastRun.outcome}
          data-started-at={lastRun.startedAt}
        >
          <p>
            <strong>{t(`backups.outcome.${lastRun.outcome}`)}</strong> ·{' '}
            {t('backups.lastRun', {
              time: formatDateTime(lastRun.finishedAt ?? lastRun.startedAt),
            })}
          </p>
          {lastRun.error ? (
            <p className="problem" data-testid="backup-error">
              {errorMessage(lastRun.error)}
            </p>
          ) : (
            <>
              <p data-testid="backup-items" data-new={lastRun.items.new}>
                {t('backups.summaryItems', lastRun.items)}
              </p>
              <p data-testid="backup-files" data-failed={lastRun.files.failed}>
                {t('backups.summaryFiles', {
                  downloaded: lastRun.files.downloaded,
                  bytes: formatBytes(lastRun.bytes),
                  failed: lastRun.files.failed,
                  pending: lastRun.files.pending,
                })}
              </p>
              {lastRun.files.needsRestore > 0 && (
                <p className="warning">
                  {t('backups.restoreNote', { count: lastRun.files.needsRestore })}
                </p>
              )}
            </>
          )}
        </div>
      ) : (
        <p className="muted" data-testid="backup-never-run">
          {t('backups.neverRun')}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={running !== null}
          onClick={props.onRun}
          data-testid="backup-run"
        >
          {t('backups.runNow')}
        </button>
        <button type="button" className="button" onClick={props.onEdit} data-testid="backup-edit">
          {t('backups.edit')}
        </button>
        {confirming ? (
          <button
            type="button"
            className="button button--danger"
            onClick={props.onRemove}
            data-testid="backup-remove-confirm"
          >
            {t('backups.confirmRemove')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => setConfirming(true)}
            data-testid="backup-remove"
          >
            {t('backups.remove')}
          </button>
        )}
      </div>
    </article>
  )
}

type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string

function describeSource(backup: BackupView, categories: readonly Category[], t: Translate): string {
  const { source } = backup
  switch (source.kind) {
    case 'library':
      return t('backups.sourceLabel.library')
    case 'category': {
      const name = categories.find((category) => category.id === source.categoryId)?.name
      return t('backups.sourceLabel.category', { name: name ?? String(source.categoryId) })
    }
    case 'search':
      return t('backups.sourceLabel.search', {
        text: [source.title, source.status].filter(Boolean).join(' · '),
      })
  }
}

function describePhase(running: NonNullable<BackupView['running']>, t: Translate): string {
  switch (running.phase) {
    case 'listing':
      return t('backups.phase.listing', { count: running.listed })
    case 'resolving':
      return t('backups.phase.resolving', { count: running.resolved })
    case 'downloading':
      return t('backups.phase.downloading', {
        done: running.downloaded + running.failed,
        total: running.downloads,
      })
    case 'deletions':
    case 'planned':
    case 'applying':
    case 'done':
      return t(`backups.phase.${running.phase}`)
    default:
      return running.phase
  }
}
