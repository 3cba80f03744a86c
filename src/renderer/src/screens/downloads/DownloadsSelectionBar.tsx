import { ArrowUpToLine, Pause, Play, RotateCw, Trash2, X } from 'lucide-react'
import type { ReactNode } from 'react'
import { Toolbar, ToolbarSpacer } from '../../components/Toolbar'
import { useI18n } from '../../i18n/i18n-context'
import { plural } from './plural'

export type SelectionCommand = 'pause' | 'resume' | 'retry' | 'moveTop' | 'cancel' | 'remove'

const icons = {
  pause: Pause,
  resume: Play,
  retry: RotateCw,
  moveTop: ArrowUpToLine,
  cancel: X,
  remove: Trash2,
} as const

/** What can be done to every selected download at once. */
export function DownloadsSelectionBar(props: {
  count: number
  onCommand: (command: SelectionCommand) => void
  onClear: () => void
}): ReactNode {
  const i18n = useI18n()
  const { t } = i18n
  const labels: Record<SelectionCommand, string> = {
    pause: t('action.pause'),
    resume: t('action.resume'),
    retry: t('action.retry'),
    moveTop: t('downloads.moveTop'),
    cancel: t('action.cancel'),
    remove: t('action.remove'),
  }
  return (
    <Toolbar
      selection
      className="downloads-selection"
      label={t('downloads.selection.label')}
      testId="downloads-selection-bar"
    >
      <span data-testid="downloads-selection-count">
        {plural(i18n, 'downloads.selection.count', props.count)}
      </span>
      {(Object.keys(icons) as SelectionCommand[]).map((command) => {
        const Icon = icons[command]
        return (
          <button
            key={command}
            type="button"
            className={`button button--small${command === 'cancel' || command === 'remove' ? ' button--danger' : ''}`}
            onClick={() => props.onCommand(command)}
            data-testid={`downloads-selection-${command}`}
          >
            <Icon size={14} aria-hidden="true" focusable="false" /> {labels[command]}
          </button>
        )
      })}
      <ToolbarSpacer />
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={props.onClear}
        data-testid="downloads-selection-clear"
      >
        {t('downloads.selection.clear')}
      </button>
    </Toolbar>
  )
}
