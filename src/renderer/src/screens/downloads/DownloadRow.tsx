import { memo, useState, type ReactNode } from 'react'
import { useNow } from '../../hooks/clock-context'
import { useJob } from '../../store/use-job'
import { useDownloadActions } from './download-actions-context'
import { DownloadRowView } from './DownloadRowView'
import type { RowAction } from './row-actions'
import { useCover } from './use-cover'

export interface DownloadRowProps {
  id: number
  index: number
  selected: boolean
  focused: boolean
  /** Indented under its batch's row. */
  inBatch: boolean
}

/** Id of a row's element, for `aria-activedescendant`. */
export function downloadOptionId(key: string): string {
  return `download-option-${key.replace(':', '-')}`
}

/**
 * Binds one row to its job in the store: a progress tick for this job re-renders this row only,
 * and the list above never re-renders for it.
 */
export const DownloadRow = memo(function DownloadRow(props: DownloadRowProps): ReactNode {
  const view = useJob(props.id)
  const actions = useDownloadActions()
  const now = useNow(view?.snapshot.state === 'retrying')
  const [revealedPath, setRevealedPath] = useState<string | null>(null)
  const cover = useCover(actions.covers, view?.snapshot ?? placeholderSnapshot)
  if (!view) return null
  const { id, index } = props

  function onAction(action: RowAction): void {
    void actions.run(id, action).then((path) => {
      if (path !== null) setRevealedPath(path)
    })
  }

  return (
    <DownloadRowView
      optionId={downloadOptionId(`j:${id}`)}
      snapshot={view.snapshot}
      progress={view.progress}
      now={now}
      cover={cover}
      capabilities={actions.capabilities}
      revealedPath={revealedPath}
      selected={props.selected}
      focused={props.focused}
      inBatch={props.inBatch}
      reorderable={actions.reorderable}
      onAction={onAction}
      onClick={(event) => actions.click(index, event)}
      onToggle={(event) => actions.toggle(index, event)}
      onDragOut={(event) => actions.dragOut(id, event)}
      onReorderStart={(event) => actions.reorderStart(index, event)}
      onReorderDrop={(event) => actions.reorderDrop(index, event)}
    />
  )
})

/** Stands in while a row's job is gone (hooks run before the early return). */
const placeholderSnapshot = {
  id: 0,
  batchId: null,
  state: 'queued',
  source: { kind: 'url', url: '' },
  label: '',
  directory: '',
  fileName: '',
  totalBytes: null,
  doneBytes: 0,
  connections: 1,
  priority: 0,
  position: 0,
  attempts: 0,
  error: null,
  nextAttemptAt: null,
  createdAt: 0,
  updatedAt: 0,
  completedAt: null,
} as const satisfies Parameters<typeof useCover>[1]
