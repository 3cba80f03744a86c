import type { ReactNode } from 'react'

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

export interface BadgeProps {
  tone: BadgeTone
  children: ReactNode
  /** Longer explanation, shown on hover and read by screen readers. */
  title?: string
  testId?: string
}

/** A small coloured label for states and encryption kinds. */
export function Badge(props: BadgeProps): ReactNode {
  return (
    <span className={`badge badge--${props.tone}`} title={props.title} data-testid={props.testId}>
      {props.children}
    </span>
  )
}
