import { createContext, useContext, type DragEvent, type ReactNode } from 'react'
import type { RowAction } from './row-actions'
import type { RowCapabilities } from './DownloadRowView'

/** What rows need from their screen; one stable object so rows never re-render for it. */
export interface DownloadActions {
  capabilities: RowCapabilities
  /** Runs an action; answers a path when the host could only tell where the file is. */
  run: (id: number, action: RowAction) => Promise<string | null>
  dragStart: (id: number, event: DragEvent<HTMLDivElement>) => void
  /** Finished files picked for dragging out or exporting several at once. */
  isSelected: (id: number) => boolean
  toggleSelected: (id: number) => void
}

const DownloadActionsContext = createContext<DownloadActions | null>(null)

export function DownloadActionsProvider(props: {
  actions: DownloadActions
  children: ReactNode
}): ReactNode {
  return <DownloadActionsContext value={props.actions}>{props.children}</DownloadActionsContext>
}

export function useDownloadActions(): DownloadActions {
  const actions = useContext(DownloadActionsContext)
  if (!actions) throw new Error('useDownloadActions must be used inside <DownloadActionsProvider>')
  return actions
}
