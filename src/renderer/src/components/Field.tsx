import { useId, type ReactNode } from 'react'

/** What a `Field` hands its control: the ids that tie it to its label, hint and problem. */
export interface FieldControl {
  id: string
  describedBy: string | undefined
  invalid: boolean
}

export interface FieldProps {
  label: string
  hint?: string
  /** A problem with the current value, already in the UI language. */
  problem?: string | null
  /** A short state beside the label, such as "Applied", already in the UI language. */
  status?: string | null
  /** Renders the control with the ids that tie it to its label, hint and problem. */
  children: (control: FieldControl) => ReactNode
  testId?: string
}

/** A labelled form control with an optional hint and problem text, wired for screen readers. */
export function Field(props: FieldProps): ReactNode {
  const id = useId()
  const hintId = props.hint ? `${id}-hint` : null
  const problemId = props.problem ? `${id}-problem` : null
  const describedBy = [hintId, problemId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${props.problem ? ' field--invalid' : ''}`} data-testid={props.testId}>
      <span className="field__label-row">
        <label htmlFor={id}>{props.label}</label>
        {props.status && (
          <span className="field__status" role="status" data-testid="field-status">
            {props.status}
          </span>
        )}
      </span>
      {props.children({ id, describedBy, invalid: Boolean(props.problem) })}
      {props.hint && (
        <span id={hintId ?? undefined} className="hint">
          {props.hint}
        </span>
      )}
      {props.problem && (
        <span id={problemId ?? undefined} className="problem" role="alert">
          {props.problem}
        </span>
      )}
    </div>
  )
}
