import type { ReactNode } from 'react'
import type { FieldControl } from './Field'

export interface TextInputProps {
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'password' | 'search'
  /** The ids a `Field` hands its control: label, hint and problem wiring. */
  control?: FieldControl
  /** The id for a label elsewhere, when no `Field` wires the input. */
  id?: string
  /** Monospace, for addresses, host names and templates. */
  mono?: boolean
  placeholder?: string
  spellCheck?: boolean
  autoComplete?: string
  testId?: string
}

/** A text input that hands back its text. */
export function TextInput(props: TextInputProps): ReactNode {
  return (
    <input
      id={props.control?.id ?? props.id}
      className={props.mono ? 'input input--mono' : 'input'}
      type={props.type}
      value={props.value}
      placeholder={props.placeholder}
      aria-describedby={props.control?.describedBy}
      aria-invalid={props.control?.invalid}
      onChange={(event) => props.onChange(event.target.value)}
      spellCheck={props.spellCheck}
      autoComplete={props.autoComplete}
      data-testid={props.testId}
    />
  )
}

export interface TextFieldProps extends Omit<TextInputProps, 'control'> {
  label: string
  hint?: string
}

/** A text input inside its label, which names it, with an optional hint below. */
export function TextField(props: TextFieldProps): ReactNode {
  const { label, hint, ...input } = props
  return (
    <label className="field">
      <span>{label}</span>
      <TextInput {...input} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  )
}
