import { memo, useState, type DragEvent, type ReactNode } from 'react'
import { useNow } from '../../hooks/clock-context'
import { useJob } from '../../store/use-job'
import { useDownloadActions } from './download-actions-context'
import { DownloadRowView } from './DownloadRowView'
import type { RowAction } from './row-actions'

export interface DownloadRowProps {
  id: number
  canMoveUp: boolean
  canMoveDown: boolean
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
  if (!view) return null
  const { id } = props

  function onAction(action: RowAction): void {
    void actions.run(id, action).then((path) => {
      if (path !== null) setRevealedPath(path)
    })
  }

  return (
    <DownloadRowView
      snapshot={view.snapshot}
      progress={view.progress}
      now={now}
      canMoveUp={props.canMoveUp}
      canMoveDown={props.canMoveDown}
      capabilities={actions.capabilities}
      revealedPath={revealedPath}
      onAction={onAction}
      onDragStart={(event: DragEvent<HTMLDivElement>) => actions.dragStart(id, event)}
      selected={actions.isSelected(id)}
      onToggleSelected={() => actions.toggleSelected(id)}
    />
  )
})
