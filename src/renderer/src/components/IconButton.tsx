import type { LucideIcon } from 'lucide-react'
import type { MouseEvent, ReactNode } from 'react'

export interface IconButtonProps {
  icon: LucideIcon
  /** What the button does; read by screen readers and shown as its tooltip. */
  label: string
  onClick: (event: MouseEvent<HTMLButtonElement>) => void
  disabled?: boolean
  tone?: 'normal' | 'danger'
  testId?: string
  /** Names the thing acted on for screen readers ("Pause: HD.mp4"); the tooltip stays short. */
  target?: string
  tabIndex?: number
}

/**
 * A compact button with an icon from the Lucide set. Its label is its accessible name and its
 * tooltip, shown on hover and on keyboard focus (`data-tooltip`, drawn by CSS), so a row of
 * icons stays as usable with the keyboard as a row of words.
 */
export function IconButton(props: IconButtonProps): ReactNode {
  const Icon = props.icon
  return (
    <button
      type="button"
      className={`icon-button${props.tone === 'danger' ? ' icon-button--danger' : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.target ? `${props.label}: ${props.target}` : props.label}
      data-tooltip={props.label}
      data-testid={props.testId}
      tabIndex={props.tabIndex}
    >
      <Icon size={16} strokeWidth={2} aria-hidden="true" focusable="false" />
    </button>
  )
}
