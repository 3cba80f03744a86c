import { createContext, useContext, type DragEvent, type MouseEvent, type ReactNode } from 'react'
import type { BatchInfo } from '../../../../shared/contract'
import type { CoversCache } from './covers-cache'
import type { RowAction } from './row-actions'
import type { RowCapabilities } from './DownloadRowView'

/**
 * What rows need from their screen. One object that changes only with the selection or the
 * batch notes, never with progress, so a progress tick still re-renders one row only.
 */
export interface DownloadActions {
  capabilities: RowCapabilities
  /** Runs an action on one job; answers a path when the host could only tell where the file is. */
  run: (id: number, action: RowAction) => Promise<string | null>
  /** Runs an action on the jobs of a batch (its row's Pause / Resume / Cancel). */
  runOnBatch: (ids: readonly number[], action: 'pause' | 'resume' | 'cancel') => void
  /** A completed row dragged out of the window (files to Finder / Explorer). */
  dragOut: (id: number, event: DragEvent<HTMLElement>) => void
  /** Row clicks and checkbox clicks, by list index, as a file manager takes them. */
  click: (index: number, event: MouseEvent) => void
  toggle: (index: number, event: MouseEvent) => void
  /** Drag to reorder: starts with the row (and the selection it belongs to), drops before another. */
  reorderStart: (index: number, event: DragEvent<HTMLElement>) => void
  reorderDrop: (index: number, event: DragEvent<HTMLElement>) => void
  /** Whether rows can be reordered now (queue order, nothing searched). */
  reorderable: boolean
  batchNote: (batchId: number) => BatchInfo | undefined
  toggleBatch: (batchId: number) => void
  covers: CoversCache
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
