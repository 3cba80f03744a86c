import type { ReactNode } from 'react'

export interface ProgressBarProps {
  /** 0..1, or null while the total is unknown (shown as an indeterminate bar). */
  value: number | null
  label: string
  tone?: 'normal' | 'paused' | 'error' | 'done'
  testId?: string
}

/** A progress bar drawn with a CSS transform, so updates never trigger layout. */
export function ProgressBar(props: ProgressBarProps): ReactNode {
  const fraction = props.value === null ? null : Math.min(1, Math.max(0, props.value))
  return (
    <div
      className={`progress progress--${props.tone ?? 'normal'}${fraction === null ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.floor(fraction * 100)}
      data-testid={props.testId}
    >
      <div
        className="progress__fill"
        style={fraction === null ? undefined : { transform: `scaleX(${fraction})` }}
      />
    </div>
  )
}
