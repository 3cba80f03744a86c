import type { ReactNode } from 'react'

export interface ToolbarProps {
  /** A selection bar (what is selected and what can be done with it) rather than a toolbar. */
  selection?: boolean
  /** The accessible name; a named bar is announced as a toolbar. */
  label?: string
  /** The screen's own class, added to the shared one. */
  className?: string
  testId?: string
  children: ReactNode
}

/** A row of controls that wraps when the window is narrow. */
export function Toolbar(props: ToolbarProps): ReactNode {
  const base = props.selection ? 'selection-bar' : 'toolbar'
  return (
    <div
      className={props.className ? `${base} ${props.className}` : base}
      role={props.label === undefined ? undefined : 'toolbar'}
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.children}
    </div>
  )
}

/** Pushes what follows to the toolbar's far end. */
export function ToolbarSpacer(): ReactNode {
  return <span className="toolbar__spacer" />
}
