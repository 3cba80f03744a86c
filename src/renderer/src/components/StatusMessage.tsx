import type { ReactNode } from 'react'

export interface StatusMessageProps {
  kind: 'loading' | 'empty' | 'error'
  title: string
  detail?: string
  /** One button, e.g. "Retry" or "Open settings". */
  action?: { label: string; onClick: () => void; testId?: string }
  testId?: string
}

/** The loading, empty and error states every screen shows in the same way. */
export function StatusMessage(props: StatusMessageProps): ReactNode {
  return (
    <div
      className={`status-message status-message--${props.kind}`}
      role={props.kind === 'error' ? 'alert' : 'status'}
      aria-busy={props.kind === 'loading' || undefined}
      data-testid={props.testId}
    >
      {props.kind === 'loading' && <span className="spinner" aria-hidden="true" />}
      <p className="status-message__title">{props.title}</p>
      {props.detail && <p className="status-message__detail">{props.detail}</p>}
      {props.action && (
        <button
          type="button"
          className="button"
          onClick={props.action.onClick}
          data-testid={props.action.testId}
        >
          {props.action.label}
        </button>
      )}
    </div>
  )
}
